// sha256_hex(): the SHA-256 of some bytes as 64 lowercase hex digits, through
// OpenSSL's EVP interface. Stamps plan files and their sources.
#pragma once

#include <string>
#include <string_view>

namespace ferry::plan {

std::string sha256_hex(std::string_view data);

}  // namespace ferry::plan
