import MLSCore
import PuncturablePRF

/// Where the challenge travels in `authenticated_data` (SPEC.md sections 5 and 5.1), read from the GroupContext.
///
/// - ``rawPrefix``: the GroupContext has no `safe_aad` component; `authenticated_data` is the ceil(b/8)
///   challenge bytes followed by the application's raw AAD (SPEC.md section 5, unchanged).
/// - ``safeAAD``: the GroupContext's `app_data_dictionary` extension (type ``appDataDictionaryExtensionType``)
///   carries the `safe_aad` component (id ``safeAADComponentID``); draft-ietf-mls-extensions-10 then makes the
///   whole `authenticated_data` a ``SafeAAD`` struct, and the challenge is the data of the item with id
///   ``challengeComponentID``. Raw AAD, and so the raw-prefix framing, is refused.
public enum ChallengeFraming: Sendable, Equatable {
    /// Challenge bytes, then the application's raw AAD (no `safe_aad` component in the GroupContext).
    case rawPrefix
    /// A SafeAAD struct with the challenge as the item of ``challengeComponentID``.
    case safeAAD

    /// `app_data_dictionary`, the GroupContext extension that carries components' data:
    /// draft-ietf-mls-extensions-10 section "app_data_dictionary MLS Extension" suggests 0x0006, and OpenMLS
    /// uses 6.
    public static let appDataDictionaryExtensionType: UInt16 = 0x0006
    /// The `safe_aad` component id (draft-ietf-mls-extensions-10 "MLS Component Types", 0x0002); its
    /// GroupContext value is `struct { ComponentID component_ids<V>; } ComponentsList;`, the required Safe AAD
    /// components.
    public static let safeAADComponentID: UInt16 = 0x0002
    /// The component id of the challenge item: 0x667A, the virtual-clients component id that the
    /// mls-virtual-clients editor's branch and OpenMLS (`VC_COMPONENT_ID`) use, a temporary value until the
    /// registry assigns one. The challenge is part of the virtual-clients construction, so it uses that
    /// component's id rather than a private-use one nobody else would recognise.
    public static let challengeComponentID: UInt16 = 0x667A

    /// Reads the framing from a GroupContext. No `app_data_dictionary` extension, or one without the
    /// `safe_aad` component, is ``rawPrefix``. Two such extensions, a malformed or unsorted dictionary, or a
    /// malformed `safe_aad` ComponentsList throw ``PPRFMessageError/invalidAppDataDictionary``; a `safe_aad`
    /// list that does not name ``challengeComponentID`` throws
    /// ``PPRFMessageError/challengeComponentNotRequired``: in the GroupContext that list is the components every
    /// member must understand, and every member must understand the challenge.
    public init(groupContext: GroupContext) throws(PPRFMessageError) {
        let matching = groupContext.extensions.filter { $0.type == Self.appDataDictionaryExtensionType }
        guard let ext = matching.first else {
            self = .rawPrefix
            return
        }
        guard matching.count == 1 else { throw PPRFMessageError.invalidAppDataDictionary }
        let required: [UInt16]
        do throws(CodecError) {
            guard let list = try Self.component(Self.safeAADComponentID, inDictionary: ext.data) else {
                self = .rawPrefix
                return
            }
            var reader = TLSReader(list)
            required = try reader.readVector { (r: inout TLSReader) throws(CodecError) in try r.readUInt16() }
            try reader.finish()
        } catch {
            throw PPRFMessageError.invalidAppDataDictionary
        }
        guard required.contains(Self.challengeComponentID) else {
            throw PPRFMessageError.challengeComponentNotRequired
        }
        self = .safeAAD
    }

    /// A GroupContext `app_data_dictionary` extension whose only component is `safe_aad`, listing
    /// `requiredSafeAADComponents` (by default just the challenge's): for ids [0x667A] its `extension_data`
    /// is `06 0002 03 02 667a`.
    public static func appDataDictionaryExtension(requiredSafeAADComponents: [UInt16] = [challengeComponentID])
        -> Extension
    {
        var list = TLSWriter()
        list.writeVector { w in for id in requiredSafeAADComponents { w.write(id) } }
        var dictionary = TLSWriter()
        dictionary.writeVector { w in
            w.write(safeAADComponentID)
            w.writeOpaque(list.bytes)
        }
        return Extension(type: appDataDictionaryExtensionType, data: dictionary.bytes)
    }

    /// The data of `componentID` in an encoded AppDataDictionary
    /// (`struct { ComponentData component_data<V>; } AppDataDictionary;`, `struct { ComponentID component_id;
    /// opaque data<V>; } ComponentData;`), whose entries the draft requires sorted with at most one per id.
    static func component(_ componentID: UInt16, inDictionary bytes: [UInt8]) throws(CodecError) -> [UInt8]? {
        var reader = TLSReader(bytes)
        let entries = try reader.readVector { (r: inout TLSReader) throws(CodecError) in
            (try r.readUInt16(), try r.readOpaque())
        }
        try reader.finish()
        for index in entries.indices.dropFirst() where entries[index].0 <= entries[index - 1].0 {
            throw CodecError.invalidValue(field: "AppDataDictionary.component_id", value: UInt64(entries[index].0))
        }
        return entries.first { $0.0 == componentID }?.1
    }

    /// The `authenticated_data` a sender writes. ``rawPrefix``: the challenge bytes then `rawAAD`; passing
    /// `safeItems` throws ``PPRFMessageError/safeAADNotNegotiated``. ``safeAAD``: the application's
    /// `safeItems` (strictly increasing ids, none equal to ``challengeComponentID``) with the challenge item
    /// inserted in order; non-empty `rawAAD` throws ``PPRFMessageError/rawAADInSafeAADGroup(length:)``.
    public func authenticatedData(challenge: Challenge, rawAAD: [UInt8], safeItems: [SafeAADItem]?)
        throws(PPRFMessageError) -> [UInt8]
    {
        switch self {
        case .rawPrefix:
            guard safeItems == nil else { throw PPRFMessageError.safeAADNotNegotiated }
            return challenge.bytes + rawAAD
        case .safeAAD:
            guard rawAAD.isEmpty else { throw PPRFMessageError.rawAADInSafeAADGroup(length: rawAAD.count) }
            let application = safeItems ?? []
            try SafeAAD.checkOrder(application)
            guard !application.contains(where: { $0.componentID == Self.challengeComponentID }) else {
                throw PPRFMessageError.challengeComponentInApplicationItems
            }
            let position = application.firstIndex { $0.componentID > Self.challengeComponentID } ?? application.count
            var items = application
            items.insert(SafeAADItem(componentID: Self.challengeComponentID, data: challenge.bytes), at: position)
            return try SafeAAD(items: items).encoded
        }
    }

    /// What a receiver reads from `authenticated_data`: the challenge, the application's raw AAD
    /// (``rawPrefix``) and the application's SafeAAD items (``safeAAD``, the challenge item removed). Checks
    /// cost no PPRF work. ``rawPrefix``: fewer than ceil(b/8) bytes throw
    /// ``PPRFMessageError/missingChallenge(length:required:)``. ``safeAAD``: ``SafeAAD/init(decoding:)``'s
    /// errors, then ``PPRFMessageError/missingChallengeItem`` and
    /// ``PPRFMessageError/challengeItemLength(length:expected:)``. Both: set unused bits throw
    /// `PPRFError.challengePaddingBitsSet`.
    public func read(authenticatedData: [UInt8], parameters: PPRFParameters) throws(PPRFMessageError) -> (
        challenge: Challenge, rawAAD: [UInt8], safeItems: [SafeAADItem]
    ) {
        let n = parameters.challengeBytes
        let challengeBytes: [UInt8]
        var rawAAD: [UInt8] = []
        var safeItems: [SafeAADItem] = []
        switch self {
        case .rawPrefix:
            guard authenticatedData.count >= n else {
                throw PPRFMessageError.missingChallenge(length: authenticatedData.count, required: n)
            }
            challengeBytes = Array(authenticatedData[0..<n])
            rawAAD = Array(authenticatedData[n...])
        case .safeAAD:
            let safe = try SafeAAD(decoding: authenticatedData)
            guard let data = safe.data(for: Self.challengeComponentID) else {
                throw PPRFMessageError.missingChallengeItem
            }
            guard data.count == n else { throw PPRFMessageError.challengeItemLength(length: data.count, expected: n) }
            challengeBytes = data
            safeItems = safe.items.filter { $0.componentID != Self.challengeComponentID }
        }
        let challenge = try pprf { () throws(PPRFError) in
            try Challenge(bytes: challengeBytes, challengeBits: parameters.challengeBits)
        }
        return (challenge, rawAAD, safeItems)
    }
}
