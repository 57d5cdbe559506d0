// Keeps norm_data non-empty before any generated table is added.
namespace norm::data {}
