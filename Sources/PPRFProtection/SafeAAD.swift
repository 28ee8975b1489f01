import MLSCore

/// One component's additional authenticated data, draft-ietf-mls-extensions-10 section "Safe Additional
/// Authenticated Data (AAD)":
///
/// ```
/// struct {
///   ComponentID component_id;      // uint16 (section "Component IDs")
///   opaque aad_item_data<V>;
/// } SafeAADItem;
/// ```
public struct SafeAADItem: Sendable, Equatable, TLSCodable {
    /// The component that owns the item (`uint16 ComponentID`).
    public var componentID: UInt16
    /// The component's bytes.
    public var data: [UInt8]

    /// An item of `componentID` carrying `data`.
    public init(componentID: UInt16, data: [UInt8]) {
        self.componentID = componentID
        self.data = data
    }

    /// Encodes the uint16 component id, then `data` as `opaque<V>`.
    public func encode(to writer: inout TLSWriter) {
        writer.write(componentID)
        writer.writeOpaque(data)
    }

    /// Decodes the uint16 component id and the `opaque<V>` data (minimal varint, length within the input).
    public init(from reader: inout TLSReader) throws(CodecError) {
        componentID = try reader.readUInt16()
        data = try reader.readOpaque()
    }
}

/// `struct { SafeAADItem aad_items<V>; } SafeAAD;` (draft-ietf-mls-extensions-10, "Safe Additional
/// Authenticated Data (AAD)"): when the GroupContext carries the `safe_aad` component, this struct is the
/// *entire* `authenticated_data` (commit acbfd0d, "Issue 95: disallow unsafe AAD when SafeAAD is present"),
/// its items in strictly increasing `component_id` order (SPEC.md section 5.1).
///
/// A value of this type always satisfies the order rule: both initialisers check it.
public struct SafeAAD: Sendable, Equatable {
    /// The items, in strictly increasing component id.
    public let items: [SafeAADItem]

    /// A SafeAAD of `items`, which must be in strictly increasing component id: an equal neighbour throws
    /// ``PPRFMessageError/safeAADDuplicateComponent(componentID:)``, a smaller one
    /// ``PPRFMessageError/safeAADUnsorted(index:)``.
    public init(items: [SafeAADItem]) throws(PPRFMessageError) {
        try Self.checkOrder(items)
        self.items = items
    }

    /// Decodes `bytes` as exactly one SafeAAD struct, in this order of checks: the TLS structure (a
    /// malformed or non-minimal varint, a length past the end, a truncated item:
    /// ``PPRFMessageError/safeAADMalformed(_:)``), then nothing after it
    /// (``PPRFMessageError/safeAADTrailingBytes(count:)``: the draft leaves no room for unsafe AAD), then the
    /// order rule. Every length is checked against the input before anything is allocated.
    public init(decoding bytes: [UInt8]) throws(PPRFMessageError) {
        var reader = TLSReader(bytes)
        let items: [SafeAADItem]
        do {
            items = try reader.readVector(of: SafeAADItem.self)
        } catch {
            throw PPRFMessageError.safeAADMalformed(error)
        }
        guard reader.remaining == 0 else { throw PPRFMessageError.safeAADTrailingBytes(count: reader.remaining) }
        try self.init(items: items)
    }

    /// The TLS encoding: the items vector with its varint length.
    public var encoded: [UInt8] {
        var writer = TLSWriter()
        writer.writeVector(items)
        return writer.bytes
    }

    /// The data of the item owned by `componentID`, or nil when there is none.
    public func data(for componentID: UInt16) -> [UInt8]? {
        items.first { $0.componentID == componentID }?.data
    }

    /// The order rule: each component id is greater than the one before it.
    static func checkOrder(_ items: [SafeAADItem]) throws(PPRFMessageError) {
        for index in items.indices.dropFirst() {
            let previous = items[index - 1].componentID
            let current = items[index].componentID
            if current == previous { throw PPRFMessageError.safeAADDuplicateComponent(componentID: current) }
            if current < previous { throw PPRFMessageError.safeAADUnsorted(index: index) }
        }
    }
}
