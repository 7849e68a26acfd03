// Instantiates the expression rules for the shared iterator and context.
#include "dsl/expression_def.hpp"

namespace ferry::dsl::grammar {
BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)
}  // namespace ferry::dsl::grammar
