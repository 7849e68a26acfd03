// Instantiates the token rules for the shared iterator and context.
#include "dsl/literal_def.hpp"

namespace ferry::dsl::grammar {
BOOST_SPIRIT_INSTANTIATE(literal_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(name_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(string_type, iterator_type, context_type)
}  // namespace ferry::dsl::grammar
