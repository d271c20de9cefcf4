/// Settings of the template miner. One configuration serves every log format.
public struct MinerConfiguration: Sendable, Hashable {
    /// How many distinct words must appear at one position of otherwise identical messages
    /// before that position is taken for a variable (`Invalid user alice|bob|carol from <*>`).
    /// Two values are kept apart: `failures for admin` and `failures for root` are often two events.
    public var variableThreshold: Int
    /// Tokens per message that take part in clustering; the rest of a longer line is one variable.
    public var maxTokens: Int
    /// Line signatures remembered for the fast path before the cache is cleared (bounds memory).
    public var signatureCacheLimit: Int

    public static let `default` = MinerConfiguration()

    public init(variableThreshold: Int = 3, maxTokens: Int = 256, signatureCacheLimit: Int = 1 << 20) {
        self.variableThreshold = max(2, variableThreshold)
        self.maxTokens = max(2, maxTokens)
        self.signatureCacheLimit = max(16, signatureCacheLimit)
    }
}

/// An online, streaming log-template miner.
///
/// Each message is split into tokens and masked by `MaskingRules` (numbers, ids, IPs, paths,
/// timestamps, levels and `key=value` values become variables). The sequence of the constant
/// tokens that remain is the message's signature: messages with the same signature share a
/// cluster, whatever the length of their variables. Clusters whose signatures have the same
/// length and differ at one position only are merged once `variableThreshold` distinct words
/// have appeared there; that position becomes `<*>`.
///
/// Cost per message: one pass over its bytes plus one hash lookup (a signature seen before);
/// a new signature costs one lookup per constant token. Memory grows with the number of
/// clusters, not of messages; the signature cache is bounded by `signatureCacheLimit`.
///
/// Cluster ids are dense and stable (`0..<clusterCount`). When clusters merge, each id keeps
/// answering: `template(ofCluster:)` and `canonicalID(ofCluster:)` give the merged cluster's.
public struct TemplateMiner: Sendable {
    public let configuration: MinerConfiguration

    // Scratch, reused for every line.
    private var tokens: [MinerToken] = []
    private var constHashScratch: [UInt64] = []
    private var wildcardKeyScratch: [UInt64] = []

    /// Line signature → cluster id.
    private var signatures = TemplateMinerHashIndex(capacity: 4096)
    /// (length, signature with one position wild) → group index.
    private var groups = TemplateMinerHashIndex(capacity: 4096)
    private var groupRoot: [Int32] = []
    private var groupCount: [Int32] = []
    /// `variableThreshold - 1` member slots per group (the members before it merges).
    private var groupMembers: [Int32] = []

    // Clusters (flat arrays, indexed by cluster id).
    private var parent: [Int32] = []
    private var constStart: [Int32] = []
    private var constCount: [Int32] = []
    private var constIsVariable: [Bool] = []
    private var renderStart: [Int32] = []
    private var renderCount: [Int32] = []
    private var renderPieces: [RenderPiece] = []
    private var renderBytes: [UInt8] = []

    private let powers: [UInt64]

    private struct RenderPiece: Sendable {
        var byteStart: Int32
        var byteCount: Int32
        /// Position among the constant tokens, or -1 for a variable token.
        var constIndex: Int32
    }

    private static let base: UInt64 = 0x100_0000_01B3
    private static let wildcard: UInt64 = 0xA076_1D64_78BD_642F
    private static let lengthSalt: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let groupSalt: UInt64 = 0x8EBC_6AF0_9C88_C6E3
    private static let placeholder: [UInt8] = Array("<*>".utf8)

    public init(configuration: MinerConfiguration = .default) {
        self.configuration = configuration
        var powers = [UInt64](repeating: 1, count: configuration.maxTokens + 1)
        for index in 1..<powers.count { powers[index] = powers[index - 1] &* Self.base }
        self.powers = powers
        tokens.reserveCapacity(configuration.maxTokens)
        constHashScratch.reserveCapacity(configuration.maxTokens)
        wildcardKeyScratch.reserveCapacity(configuration.maxTokens)
    }

    /// Number of cluster ids handed out so far (ids are `0..<clusterCount`).
    public var clusterCount: Int { parent.count }

    /// Number of distinct templates (clusters after merging).
    public var templateCount: Int {
        var count = 0
        for id in parent.indices where parent[id] == Int32(id) { count += 1 }
        return count
    }

    /// The cluster that `id` has been merged into (itself when it was not merged).
    public func canonicalID(ofCluster id: Int) -> Int {
        guard id >= 0 && id < parent.count else { return id }
        var current = Int32(id)
        while parent[Int(current)] != current { current = parent[Int(current)] }
        return Int(current)
    }

    // MARK: adding messages

    /// Adds one log message (with or without its header); returns its cluster id (0-based, dense).
    public mutating func add(_ message: String) -> Int {
        var message = message
        return message.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    /// Adds one log message given as bytes (any bytes; no UTF-8 validity needed).
    public mutating func add(_ bytes: UnsafeRawBufferPointer) -> Int {
        tokens.removeAll(keepingCapacity: true)
        TemplateMinerTokenizer.tokenize(bytes, limit: configuration.maxTokens, into: &tokens)
        // Signature: polynomial hash of the constant tokens' hashes.
        constHashScratch.removeAll(keepingCapacity: true)
        var polynomial: UInt64 = 0
        for token in tokens where !token.isVariable {
            polynomial = polynomial &* Self.base &+ token.hash
            constHashScratch.append(token.hash)
        }
        let length = UInt64(constHashScratch.count)
        let signature = TemplateMinerTokenizer.mix(polynomial ^ (length &* Self.lengthSalt))
        if let cluster = signatures.find(signature) {
            return root(Int(cluster))
        }
        return addNewSignature(bytes, signature: signature, polynomial: polynomial)
    }

    private mutating func addNewSignature(_ bytes: UnsafeRawBufferPointer, signature: UInt64, polynomial: UInt64) -> Int {
        if signatures.count >= configuration.signatureCacheLimit { signatures.removeAll() }
        let length = constHashScratch.count
        wildcardKeyScratch.removeAll(keepingCapacity: true)
        let lengthKey = UInt64(length) &* Self.lengthSalt ^ Self.groupSalt
        for position in 0..<length {
            let power = powers[length - 1 - position]
            let wild = polynomial &+ (Self.wildcard &- constHashScratch[position]) &* power
            wildcardKeyScratch.append(TemplateMinerTokenizer.mix(wild ^ lengthKey))
        }
        let threshold = Int32(configuration.variableThreshold)
        // A merged group that accepts this signature: the message joins that cluster.
        for key in wildcardKeyScratch {
            if let group = groups.find(key), groupCount[Int(group)] >= threshold {
                let cluster = root(Int(groupRoot[Int(group)]))
                signatures.set(signature, Int32(cluster))
                return cluster
            }
        }
        let cluster = makeCluster(bytes)
        signatures.set(signature, Int32(cluster))
        let slots = Int(threshold) - 1
        for (position, key) in wildcardKeyScratch.enumerated() {
            guard let found = groups.find(key) else {
                let group = Int32(groupRoot.count)
                groupRoot.append(Int32(cluster))
                groupCount.append(1)
                groupMembers.append(Int32(cluster))
                for _ in 1..<slots { groupMembers.append(-1) }
                groups.set(key, group)
                continue
            }
            let group = Int(found)
            let seen = Int(groupCount[group])
            groupCount[group] += 1
            if seen < slots {
                groupMembers[group * slots + seen] = Int32(cluster)
            } else if seen == slots {
                // Enough distinct words here: this position is a variable; merge the members.
                var merged = cluster
                for slot in 0..<slots {
                    merged = union(merged, Int(groupMembers[group * slots + slot]))
                }
                constIsVariable[Int(constStart[merged]) + position] = true
                groupRoot[group] = Int32(merged)
            }
        }
        return root(cluster)
    }

    private mutating func makeCluster(_ bytes: UnsafeRawBufferPointer) -> Int {
        let id = parent.count
        parent.append(Int32(id))
        constStart.append(Int32(constIsVariable.count))
        constCount.append(Int32(constHashScratch.count))
        for _ in constHashScratch { constIsVariable.append(false) }
        renderStart.append(Int32(renderPieces.count))
        renderCount.append(Int32(tokens.count))
        var constIndex: Int32 = 0
        for token in tokens {
            let byteStart = Int32(renderBytes.count)
            if token.isVariable {
                renderPieces.append(RenderPiece(byteStart: byteStart, byteCount: 0, constIndex: -1))
                continue
            }
            let start = Int(token.start)
            renderBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Int(token.keep))]))
            if token.isKeyValue { renderBytes.append(contentsOf: Self.placeholder) }
            renderPieces.append(RenderPiece(byteStart: byteStart, byteCount: Int32(renderBytes.count) - byteStart,
                                            constIndex: constIndex))
            constIndex += 1
        }
        return id
    }

    @inline(__always)
    private mutating func root(_ id: Int) -> Int {
        var current = id
        while Int(parent[current]) != current {
            let next = Int(parent[current])
            parent[current] = parent[next]   // path halving
            current = next
        }
        return current
    }

    /// Merges two clusters of the same signature length; returns the surviving (smaller) id.
    private mutating func union(_ a: Int, _ b: Int) -> Int {
        let rootA = root(a)
        let rootB = root(b)
        if rootA == rootB { return rootA }
        let survivor = min(rootA, rootB)
        let absorbed = max(rootA, rootB)
        parent[absorbed] = Int32(survivor)
        let count = Int(constCount[survivor])
        let survivorStart = Int(constStart[survivor])
        let absorbedStart = Int(constStart[absorbed])
        for index in 0..<count where constIsVariable[absorbedStart + index] {
            constIsVariable[survivorStart + index] = true
        }
        return survivor
    }

    // MARK: templates

    /// The cluster's template as it stands now, variables as `<*>` (invalid UTF-8 repaired).
    public func template(ofCluster id: Int) -> String {
        var bytes: [UInt8] = []
        appendTemplate(ofCluster: id, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the cluster's template, as raw bytes from the log, to `output`.
    public func appendTemplate(ofCluster id: Int, to output: inout [UInt8]) {
        guard id >= 0 && id < parent.count else { return }
        let cluster = canonicalID(ofCluster: id)
        let variables = Int(constStart[cluster])
        let first = Int(renderStart[cluster])
        for index in first..<(first + Int(renderCount[cluster])) {
            if index > first { output.append(0x20) }
            let piece = renderPieces[index]
            if piece.constIndex < 0 || constIsVariable[variables + Int(piece.constIndex)] {
                output.append(contentsOf: Self.placeholder)
            } else {
                let start = Int(piece.byteStart)
                output.append(contentsOf: renderBytes[start..<(start + Int(piece.byteCount))])
            }
        }
    }
}
