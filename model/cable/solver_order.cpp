#include "model/cable/solver_order.hpp"

#include <algorithm>

namespace rtcell {
namespace {

// Breadth-first from `start`: visiting order, and the previous node on the path to each.
void bfs(const std::vector<std::vector<int>>& adj, int start, std::vector<int>& order,
         std::vector<int>& from) {
    order.clear();
    from.assign(adj.size(), -2);
    from[start] = -1;
    order.push_back(start);
    for (std::size_t k = 0; k < order.size(); ++k)
        for (int next : adj[order[k]])
            if (from[next] == -2) {
                from[next] = order[k];
                order.push_back(next);
            }
}

}  // namespace

SolverOrder centre_rooted_order(const std::vector<int>& layout_parent) {
    const int n = static_cast<int>(layout_parent.size());
    std::vector<std::vector<int>> adj(n);
    for (int i = 1; i < n; ++i) {
        adj[i].push_back(layout_parent[i]);
        adj[layout_parent[i]].push_back(i);
    }
    // The centre of the longest path: farthest node u from node 0, farthest v from u.
    std::vector<int> order, from;
    bfs(adj, 0, order, from);
    const int u = order.back();
    bfs(adj, u, order, from);
    std::vector<int> path;
    for (int x = order.back(); x != -1; x = from[x])
        path.push_back(x);
    const int centre = path[path.size() / 2];

    bfs(adj, centre, order, from);
    SolverOrder out;
    out.solver_index.assign(n, -1);
    for (int k = 0; k < n; ++k)
        out.solver_index[order[k]] = k;
    out.parent.assign(n, -1);
    out.edge.assign(n, -1);
    for (int k = 1; k < n; ++k) {
        const int node = order[k], prev = from[node];
        out.parent[k] = out.solver_index[prev];
        // The edge (node, prev) is stored in the layout at whichever of the two is the child.
        out.edge[k] = layout_parent[node] == prev ? node : prev;
    }
    return out;
}

}  // namespace rtcell
