// sha256_hex(): the SHA-256 of some bytes as 64 lowercase hex digits, through
// OpenSSL's EVP interface. Stamps plan files and their sources.
#pragma once

#include <string>
#include <initializer_list>
#include <string_view>

namespace ferry::plan {

std::string sha256_hex(std::string_view data);
// The SHA-256 of the pieces one after another, without joining them.
std::string sha256_hex(std::initializer_list<std::string_view> pieces);

}  // namespace ferry::plan
