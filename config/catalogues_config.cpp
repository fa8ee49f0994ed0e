#include "config/catalogues_config.hpp"

#include <filesystem>

#include "model/mechanisms/loaded/catalogue_loader.hpp"
#include "model/util/input_error.hpp"

namespace rtcell {

void load_catalogues(const yaml::Context& ctx, const YAML::Node& node) {
    if (!node)
        return;
    if (!node.IsSequence())
        ctx.fail(node, "catalogues", "expected a list: [mycat.so, {file: other.so, prefix: x_}]");
    for (std::size_t k = 0; k < node.size(); ++k) {
        const std::string f = "catalogues[" + std::to_string(k) + "]";
        const YAML::Node item = node[k];
        std::string file, prefix;
        if (item.IsMap()) {
            yaml::check_keys(ctx, item, f, {"file", "prefix"});
            file = yaml::get_string(ctx, item["file"], f + ".file");
            if (item["prefix"])
                prefix = yaml::get_string(ctx, item["prefix"], f + ".prefix");
        } else {
            file = yaml::get_string(ctx, item, f);
        }
        std::filesystem::path p(file);
        if (p.is_relative())
            p = std::filesystem::path(ctx.file).parent_path() / p;
        try {
            load_catalogue(p.string(), prefix);
        } catch (const InputError& e) {
            ctx.fail(item, f, e.what());
        }
    }
}

}  // namespace rtcell
