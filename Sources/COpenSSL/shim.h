// OpenSSL 3.0 libcrypto (Debian's libssl-dev), used only by MLSCrypto: the low-level SHA-2 interface is
// deprecated in 3.0 but is the only one that exposes a copyable, wipeable midstate with SHA-NI underneath.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <openssl/sha.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
