#include "io/recording/recording_file.hpp"

#include <hdf5.h>

#include <stdexcept>

#include "model/util/input_error.hpp"

namespace rtcell::io {
namespace {

constexpr hsize_t kChunkRows = 4096;

// HDF5 handles, closed in reverse order of opening.
struct Handle {
    hid_t id = -1;
    herr_t (*close)(hid_t) = nullptr;
    Handle(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) {
        if (id < 0)
            throw std::runtime_error("HDF5 call failed");
    }
    ~Handle() {
        if (id >= 0)
            close(id);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
};

hid_t string_type() {
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    return t;
}

void string_attribute(hid_t object, const char* name, const std::string& value) {
    Handle type(string_type(), H5Tclose);
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attr(H5Acreate2(object, name, type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    const char* p = value.c_str();
    H5Awrite(attr.id, type.id, &p);
}

void number_attribute(hid_t object, const char* name, double value) {
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle attr(H5Acreate2(object, name, H5T_NATIVE_DOUBLE, space.id, H5P_DEFAULT, H5P_DEFAULT),
                H5Aclose);
    H5Awrite(attr.id, H5T_NATIVE_DOUBLE, &value);
}

void string_dataset(hid_t parent, const char* name, const std::vector<std::string>& values,
                    const char* meaning) {
    Handle type(string_type(), H5Tclose);
    const hsize_t n = values.size();
    Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    Handle set(H5Dcreate2(parent, name, type.id, space.id, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
               H5Dclose);
    std::vector<const char*> p;
    for (const auto& v : values)
        p.push_back(v.c_str());
    if (n)
        H5Dwrite(set.id, type.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, p.data());
    string_attribute(set.id, "meaning", meaning);
}

// A dataset of rows × `columns` values that grows as rows are appended.
// `cols` 0 is a 1-D series of one value per row; otherwise a 2-D table rows × cols (a table
// of no columns stays empty).
template <class T>
struct Series {
    hid_t type;
    hsize_t columns;
    int rank;
    std::vector<T> buffer;
    hsize_t rows = 0;
    std::unique_ptr<Handle> set;

    Series(hid_t parent, const char* name, hid_t t, hsize_t cols, const char* unit,
           const char* meaning, bool table = false)
        : type(t), columns(table ? cols : 1), rank(table ? 2 : 1) {
        const hsize_t dims[2] = {0, columns}, max[2] = {H5S_UNLIMITED, columns},
                      chunk[2] = {kChunkRows, columns};
        Handle space(H5Screate_simple(rank, dims, columns ? max : nullptr), H5Sclose);
        Handle props(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
        if (columns)
            H5Pset_chunk(props.id, rank, chunk);
        set = std::make_unique<Handle>(
            H5Dcreate2(parent, name, type, space.id, H5P_DEFAULT, props.id, H5P_DEFAULT), H5Dclose);
        string_attribute(set->id, "unit", unit);
        string_attribute(set->id, "meaning", meaning);
    }
    void add(const T* values) {
        buffer.insert(buffer.end(), values, values + columns);
        if (buffer.size() >= kChunkRows * columns && columns)
            flush();
    }
    void flush() {
        if (columns == 0 || buffer.empty())
            return;
        const hsize_t n = buffer.size() / columns;
        const hsize_t size[2] = {rows + n, columns}, start[2] = {rows, 0}, count[2] = {n, columns};
        H5Dset_extent(set->id, size);
        Handle file_space(H5Dget_space(set->id), H5Sclose);
        H5Sselect_hyperslab(file_space.id, H5S_SELECT_SET, start, nullptr, count, nullptr);
        Handle mem_space(H5Screate_simple(rank, count, nullptr), H5Sclose);
        H5Dwrite(set->id, type, mem_space.id, file_space.id, H5P_DEFAULT, buffer.data());
        rows += n;
        buffer.clear();
    }
};

}  // namespace

struct RecordingFile::Impl {
    std::string path;
    std::unique_ptr<Handle> file, traces, spikes, inputs, controls;
    std::unique_ptr<Series<std::uint64_t>> row_step, spike_step, input_step, control_step,
        control_tick;
    std::unique_ptr<Series<double>> row_t, values, spike_t, input_weight, control_value;
    std::unique_ptr<Series<std::int32_t>> spike_member, input_synapse, input_member, input_instance,
        control_target, control_member;
    std::vector<std::string> control_kinds;
    bool closed = false;

    void group(std::unique_ptr<Handle>& g, const char* name, const char* meaning) {
        g = std::make_unique<Handle>(
            H5Gcreate2(file->id, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
        string_attribute(g->id, "meaning", meaning);
    }
    void write_header(const RecordingHeader& h);
    void write_groups(const std::vector<RecordingHeader::Group>& groups);
};

void RecordingFile::Impl::write_header(const RecordingHeader& h) {
    const hid_t root = file->id;
    string_attribute(root, "format", "rtcell recording");
    number_attribute(root, "format_version", 1);
    string_attribute(root, "rtcell_version", RTCELL_VERSION);
    string_attribute(root, "command", h.command);
    string_attribute(root, "source", h.source);
    number_attribute(root, "dt_ms", h.dt_ms);
    number_attribute(root, "members", static_cast<double>(h.members));
    string_dataset(root, "configuration", {h.configuration}, "the configuration file's text");
    group(traces, "traces", "probe values, one row per recorded step");
    const hsize_t cols = h.probe_names.size();
    row_step = std::make_unique<Series<std::uint64_t>>(traces->id, "step", H5T_NATIVE_UINT64, 1,
                                                       "1", "model step of each row");
    row_t = std::make_unique<Series<double>>(traces->id, "t_ms", H5T_NATIVE_DOUBLE, 1, "ms",
                                             "model time of each row");
    values =
        std::make_unique<Series<double>>(traces->id, "values", H5T_NATIVE_DOUBLE, cols, "see units",
                                         "rows x columns, one per probe column", true);
    std::vector<std::string> probe, quantity, unit, where;
    for (const auto& c : h.probe_columns) {
        probe.push_back(c.probe);
        quantity.push_back(c.quantity);
        unit.push_back(c.unit);
        where.push_back(c.where);
    }
    string_dataset(traces->id, "names", h.probe_names, "column names");
    string_dataset(traces->id, "probe", probe, "the probe of each column");
    string_dataset(traces->id, "quantity", quantity, "what each column records");
    string_dataset(traces->id, "units", unit, "the unit of each column");
    Series<std::int32_t> members_of(traces->id, "member", H5T_NATIVE_INT32, 1, "1",
                                    "the population member of each column");
    for (const auto& c : h.probe_columns) {
        const auto m = static_cast<std::int32_t>(c.member);
        members_of.add(&m);
    }
    members_of.flush();
    string_dataset(traces->id, "location", where, "where each column records");
    group(spikes, "spikes", "spikes at the detector");
    string_attribute(spikes->id, "detector", h.detector);
    spike_step =
        std::make_unique<Series<std::uint64_t>>(spikes->id, "step", H5T_NATIVE_UINT64, 1, "1",
                                                "model step that ended at or above "
                                                "threshold");
    spike_t = std::make_unique<Series<double>>(spikes->id, "t_ms", H5T_NATIVE_DOUBLE, 1, "ms",
                                               "spike time");
    spike_member = std::make_unique<Series<std::int32_t>>(spikes->id, "member", H5T_NATIVE_INT32, 1,
                                                          "1", "population member");
    group(inputs, "inputs", "input events received and applied (rtcell run)");
    string_dataset(inputs->id, "synapses", h.synapses, "synapse name of each synapse index");
    input_step = std::make_unique<Series<std::uint64_t>>(inputs->id, "step", H5T_NATIVE_UINT64, 1,
                                                         "1", "model step the event entered");
    input_synapse = std::make_unique<Series<std::int32_t>>(inputs->id, "synapse", H5T_NATIVE_INT32,
                                                           1, "1", "index into synapses");
    input_member = std::make_unique<Series<std::int32_t>>(inputs->id, "member", H5T_NATIVE_INT32, 1,
                                                          "1", "member, -1: every member");
    input_instance = std::make_unique<Series<std::int32_t>>(
        inputs->id, "instance", H5T_NATIVE_INT32, 1, "1", "location index, -1: every instance");
    input_weight = std::make_unique<Series<double>>(inputs->id, "weight", H5T_NATIVE_DOUBLE, 1,
                                                    "uS", "event weight");
    group(controls, "controls", "control requests applied: parameter changes, pause, reset");
    string_dataset(controls->id, "parameters", h.parameters,
                   "parameter name of each target index (weight:<synapse> for binding weights)");
    control_step = std::make_unique<Series<std::uint64_t>>(controls->id, "step", H5T_NATIVE_UINT64,
                                                           1, "1", "the next model step after it");
    control_tick = std::make_unique<Series<std::uint64_t>>(controls->id, "tick", H5T_NATIVE_UINT64,
                                                           1, "1", "loop tick it was applied at");
    control_target = std::make_unique<Series<std::int32_t>>(
        controls->id, "target", H5T_NATIVE_INT32, 1, "1", "index into parameters, -1: none");
    control_member = std::make_unique<Series<std::int32_t>>(
        controls->id, "member", H5T_NATIVE_INT32, 1, "1", "member, -1: every member");
    control_value = std::make_unique<Series<double>>(controls->id, "value", H5T_NATIVE_DOUBLE, 1,
                                                     "as the parameter", "new value");
    if (!h.groups.empty())
        write_groups(h.groups);
}

void RecordingFile::Impl::write_groups(const std::vector<RecordingHeader::Group>& groups) {
    std::unique_ptr<Handle> g;
    group(g, "groups", "a network's groups: their names and members");
    std::vector<std::string> names;
    Series<std::int32_t> first(g->id, "first_member", H5T_NATIVE_INT32, 1, "1",
                               "the group's first member among the recording's members");
    Series<std::int32_t> count(g->id, "members", H5T_NATIVE_INT32, 1, "1",
                               "how many members the group has");
    for (const auto& x : groups) {
        names.push_back(x.name);
        const auto f = static_cast<std::int32_t>(x.first), n = static_cast<std::int32_t>(x.members);
        first.add(&f);
        count.add(&n);
    }
    first.flush();
    count.flush();
    string_dataset(g->id, "name", names, "each group's name");
}

RecordingFile::RecordingFile(const std::string& path, const RecordingHeader& header)
    : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // errors are ours to report
    try {
        impl_->file = std::make_unique<Handle>(
            H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
        impl_->write_header(header);
    } catch (const std::runtime_error&) {
        throw InputError(path + ": cannot write an HDF5 file there");
    }
}

RecordingFile::~RecordingFile() {
    try {
        close();
    } catch (...) {
        // a destructor reports nothing; close() explicitly to see errors
    }
}

void RecordingFile::row(std::uint64_t step, double t_ms, const double* v) {
    impl_->row_step->add(&step);
    impl_->row_t->add(&t_ms);
    impl_->values->add(v);
}

void RecordingFile::spike(std::uint64_t step, double t_ms, std::int32_t member) {
    impl_->spike_step->add(&step);
    impl_->spike_t->add(&t_ms);
    impl_->spike_member->add(&member);
}

void RecordingFile::input(std::uint64_t step, std::int32_t synapse, std::int32_t member,
                          std::int32_t instance, double weight_uS) {
    impl_->input_step->add(&step);
    impl_->input_synapse->add(&synapse);
    impl_->input_member->add(&member);
    impl_->input_instance->add(&instance);
    impl_->input_weight->add(&weight_uS);
}

void RecordingFile::control(std::uint64_t step, std::uint64_t tick, const std::string& kind,
                            std::int32_t target, std::int32_t member, double value) {
    impl_->control_step->add(&step);
    impl_->control_tick->add(&tick);
    impl_->control_target->add(&target);
    impl_->control_member->add(&member);
    impl_->control_value->add(&value);
    impl_->control_kinds.push_back(kind);
}

void RecordingFile::timing(const std::map<std::string, double>& figures) {
    Handle g(H5Gcreate2(impl_->file->id, "timing", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
             H5Gclose);
    string_attribute(g.id, "meaning", "the run's timing summary (rtcell run)");
    for (const auto& [name, value] : figures)
        number_attribute(g.id, name.c_str(), value);
}

void RecordingFile::root_attribute(const std::string& name, double value) {
    number_attribute(impl_->file->id, name.c_str(), value);
}

void RecordingFile::close() {
    Impl& I = *impl_;
    if (I.closed)
        return;
    I.closed = true;
    I.row_step->flush();
    I.row_t->flush();
    I.values->flush();
    for (auto* s :
         {I.spike_step.get(), I.input_step.get(), I.control_step.get(), I.control_tick.get()})
        s->flush();
    for (auto* s : {I.spike_t.get(), I.input_weight.get(), I.control_value.get()})
        s->flush();
    for (auto* s : {I.spike_member.get(), I.input_synapse.get(), I.input_member.get(),
                    I.input_instance.get(), I.control_target.get(), I.control_member.get()})
        s->flush();
    string_dataset(I.controls->id, "kind", I.control_kinds,
                   "pause, resume, stop, reset_state, set_parameter or set_weight");
    I.controls.reset();
    I.inputs.reset();
    I.spikes.reset();
    I.row_step.reset();
    I.row_t.reset();
    I.values.reset();
    I.spike_step.reset();
    I.spike_t.reset();
    I.spike_member.reset();
    I.input_step.reset();
    I.input_synapse.reset();
    I.input_member.reset();
    I.input_instance.reset();
    I.input_weight.reset();
    I.control_step.reset();
    I.control_tick.reset();
    I.control_target.reset();
    I.control_member.reset();
    I.control_value.reset();
    I.traces.reset();
    if (H5Fflush(I.file->id, H5F_SCOPE_GLOBAL) < 0)
        throw InputError(I.path + ": writing the recording failed");
    I.file.reset();
}

}  // namespace rtcell::io
