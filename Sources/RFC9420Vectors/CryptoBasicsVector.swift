/// One entry of the official `crypto-basics.json` (RFC 9420 section 5; mlswg/mls-implementations
/// `test-vectors.md`, "Crypto Basics"): the six labelled primitives of one cipher suite. Properties are in the
/// order our generator writes them (`pprf vectors generate --format rfc9420`).
public struct CryptoBasicsVector: Codable, Equatable, Sendable {
    /// `RefHash(label, value)` (RFC 9420 section 5.2).
    public struct RefHash: Codable, Equatable, Sendable {
        /// The label (`"RefHash"`).
        public var label: String
        /// The hashed value.
        public var value: HexBytes
        /// The reference hash.
        public var out: HexBytes

        /// The fields in file order.
        public init(label: String, value: HexBytes, out: HexBytes) {
            self.label = label
            self.value = value
            self.out = out
        }
    }

    /// `ExpandWithLabel(secret, label, context, length)` (RFC 9420 section 5.1).
    public struct ExpandWithLabel: Codable, Equatable, Sendable {
        /// The secret.
        public var secret: HexBytes
        /// The label, without the `"MLS 1.0 "` prefix.
        public var label: String
        /// The context.
        public var context: HexBytes
        /// The output length in bytes (a `uint16` in KDFLabel).
        public var length: UInt16
        /// The output.
        public var out: HexBytes

        /// The fields in file order.
        public init(secret: HexBytes, label: String, context: HexBytes, length: UInt16, out: HexBytes) {
            self.secret = secret
            self.label = label
            self.context = context
            self.length = length
            self.out = out
        }
    }

    /// `DeriveSecret(secret, label)` (RFC 9420 section 5.1).
    public struct DeriveSecret: Codable, Equatable, Sendable {
        /// The secret.
        public var secret: HexBytes
        /// The label.
        public var label: String
        /// The output (KDF.Nh bytes).
        public var out: HexBytes

        /// The fields in file order.
        public init(secret: HexBytes, label: String, out: HexBytes) {
            self.secret = secret
            self.label = label
            self.out = out
        }
    }

    /// `DeriveTreeSecret(secret, label, generation, length)` (RFC 9420 section 9.1).
    public struct DeriveTreeSecret: Codable, Equatable, Sendable {
        /// The secret.
        public var secret: HexBytes
        /// The label.
        public var label: String
        /// The generation (a `uint32`).
        public var generation: UInt32
        /// The output length in bytes.
        public var length: UInt16
        /// The output.
        public var out: HexBytes

        /// The fields in file order.
        public init(secret: HexBytes, label: String, generation: UInt32, length: UInt16, out: HexBytes) {
            self.secret = secret
            self.label = label
            self.generation = generation
            self.length = length
            self.out = out
        }
    }

    /// `SignWithLabel(priv, label, content)` (RFC 9420 section 5.1.2).
    public struct SignWithLabel: Codable, Equatable, Sendable {
        /// The signature private key.
        public var priv: HexBytes
        /// Its public key.
        public var pub: HexBytes
        /// The signed content.
        public var content: HexBytes
        /// The label.
        public var label: String
        /// The signature (random for ECDSA: verify it, do not compare it).
        public var signature: HexBytes

        /// The fields in file order.
        public init(priv: HexBytes, pub: HexBytes, content: HexBytes, label: String, signature: HexBytes) {
            self.priv = priv
            self.pub = pub
            self.content = content
            self.label = label
            self.signature = signature
        }
    }

    /// `EncryptWithLabel(pub, label, context, plaintext)` (RFC 9420 section 5.1.3).
    public struct EncryptWithLabel: Codable, Equatable, Sendable {
        /// The HPKE private key.
        public var priv: HexBytes
        /// Its public key.
        public var pub: HexBytes
        /// The label.
        public var label: String
        /// The context.
        public var context: HexBytes
        /// The plaintext.
        public var plaintext: HexBytes
        /// HPKE's encapsulated key.
        public var kemOutput: HexBytes
        /// The ciphertext.
        public var ciphertext: HexBytes

        /// The fields in file order.
        public init(
            priv: HexBytes, pub: HexBytes, label: String, context: HexBytes, plaintext: HexBytes,
            kemOutput: HexBytes, ciphertext: HexBytes
        ) {
            self.priv = priv
            self.pub = pub
            self.label = label
            self.context = context
            self.plaintext = plaintext
            self.kemOutput = kemOutput
            self.ciphertext = ciphertext
        }
    }

    /// The cipher suite (RFC 9420 section 17.1).
    public var cipherSuite: UInt16
    /// `ref_hash`.
    public var refHash: RefHash
    /// `expand_with_label`.
    public var expandWithLabel: ExpandWithLabel
    /// `derive_secret`.
    public var deriveSecret: DeriveSecret
    /// `derive_tree_secret`.
    public var deriveTreeSecret: DeriveTreeSecret
    /// `sign_with_label`.
    public var signWithLabel: SignWithLabel
    /// `encrypt_with_label`.
    public var encryptWithLabel: EncryptWithLabel

    /// The parts in file order.
    public init(
        cipherSuite: UInt16, refHash: RefHash, expandWithLabel: ExpandWithLabel, deriveSecret: DeriveSecret,
        deriveTreeSecret: DeriveTreeSecret, signWithLabel: SignWithLabel, encryptWithLabel: EncryptWithLabel
    ) {
        self.cipherSuite = cipherSuite
        self.refHash = refHash
        self.expandWithLabel = expandWithLabel
        self.deriveSecret = deriveSecret
        self.deriveTreeSecret = deriveTreeSecret
        self.signWithLabel = signWithLabel
        self.encryptWithLabel = encryptWithLabel
    }
}
