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
    private var flagScratch: [PositionFlags] = []

    private struct PositionFlags: Sendable {
        /// A variable token stood between this constant token and the previous one.
        var variableBefore: Bool
        /// The token just before or after this one in the message is constant.
        var constantNeighbour: Bool
        /// The token is a plain word (letters, perhaps closing punctuation): more often a keyword than a value.
        var plainWord: Bool
    }

    /// Line signature → cluster id.
    private var signatures = TemplateMinerHashIndex(capacity: 4096)
    /// (length, signature with one position wild) → group index.
    private var groups = TemplateMinerHashIndex(capacity: 4096)
    private var groupRoot: [Int32] = []
    private var groupCount: [Int32] = []
    /// Whether the group has merged (its position is a variable).
    private var groupMerged: [Bool] = []
    /// Whether a member lacks the position (its token there was masked away).
    private var groupHasShorter: [Bool] = []
    /// Members whose token at the position stands next to another constant token.
    private var groupAnchored: [Int32] = []
    /// Members whose token at the position looks like a name or value rather than a plain word.
    private var groupIdentifiers: [Int32] = []
    /// Head of each group's member list (into `memberCluster`/`memberNext`), -1 for none.
    private var groupFirstMember: [Int32] = []
    private var memberCluster: [Int32] = []
    private var memberNext: [Int32] = []
    /// Whether the member may join when the group merges (see `joinsMergedGroup`).
    private var memberJoins: [Bool] = []

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
    private static let lengthSalt: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let groupSalt: UInt64 = 0x8EBC_6AF0_9C88_C6E3
    private static let minimumRest = 1
    private static let placeholder: [UInt8] = Array("<*>".utf8)

    public init(configuration: MinerConfiguration = .default) {
        self.configuration = configuration
        var powers = [UInt64](repeating: 1, count: configuration.maxTokens + 1)
        for index in 1..<powers.count { powers[index] = powers[index - 1] &* Self.base }
        self.powers = powers
        tokens.reserveCapacity(configuration.maxTokens)
        constHashScratch.reserveCapacity(configuration.maxTokens)
        wildcardKeyScratch.reserveCapacity(2 * configuration.maxTokens + 1)
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
        // Fast path: the signature (polynomial hash of the constant tokens) in one pass, no allocation.
        let (signature, polynomial) = signatureAndPolynomial(bytes)
        if let cluster = signatures.find(signature) {
            return root(Int(cluster))
        }
        tokens.removeAll(keepingCapacity: true)
        TemplateMinerTokenizer.tokenize(bytes, limit: configuration.maxTokens, into: &tokens)
        constHashScratch.removeAll(keepingCapacity: true)
        for token in tokens where !token.isVariable { constHashScratch.append(token.hash) }
        return addNewSignature(bytes, signature: signature, polynomial: polynomial)
    }

    /// The signature `add` looks a message up by: a hash of its constant tokens (variables masked).
    /// Messages with equal signatures share a cluster. Adds nothing.
    public func signature(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        signatureAndPolynomial(bytes).signature
    }

    @inline(__always)
    private func signatureAndPolynomial(_ bytes: UnsafeRawBufferPointer) -> (signature: UInt64, polynomial: UInt64) {
        var polynomial: UInt64 = 0
        var length: UInt64 = 0
        TemplateMinerTokenizer.forEachToken(bytes, limit: configuration.maxTokens) { _, _, keep, hash in
            if keep > 0 {
                polynomial = polynomial &* Self.base &+ hash
                length += 1
            }
        }
        return (TemplateMinerTokenizer.mix(polynomial ^ (length &* Self.lengthSalt)), polynomial)
    }

    /// The key of the group of signatures of length `length` that agree everywhere but at
    /// `position`; `rest` is the polynomial hash of the other `length - 1` tokens.
    @inline(__always)
    private static func groupKey(length: Int, position: Int, rest: UInt64) -> UInt64 {
        TemplateMinerTokenizer.mix(rest ^ (UInt64(length) &* lengthSalt) ^ (UInt64(position) &* groupSalt))
    }

    private mutating func addNewSignature(_ bytes: UnsafeRawBufferPointer, signature: UInt64, polynomial: UInt64) -> Int {
        if signatures.count >= configuration.signatureCacheLimit { signatures.removeAll() }
        let length = constHashScratch.count
        // Groups this signature belongs to: for each position, "this token varies" (same length);
        // for each gap where the message had a variable, "a constant token may stand here"
        // (one token longer). A key of 0 is no group.
        flagScratch.removeAll(keepingCapacity: true)
        var gapHasVariable = false
        for (index, token) in tokens.enumerated() {
            if token.isVariable { gapHasVariable = true; continue }
            let leftConstant = index > 0 && !tokens[index - 1].isVariable
            let rightConstant = index + 1 < tokens.count && !tokens[index + 1].isVariable
            let start = Int(token.start)
            let plain = MaskingRules.isPlainWord(UnsafeRawBufferPointer(rebasing: bytes[start..<Int(token.end)]))
            flagScratch.append(PositionFlags(variableBefore: gapHasVariable, constantNeighbour: leftConstant || rightConstant,
                                             plainWord: plain))
            gapHasVariable = false
        }
        let variableAtEnd = gapHasVariable
        wildcardKeyScratch.removeAll(keepingCapacity: true)
        var prefix: UInt64 = 0
        for position in 0..<length {
            let afterPrefix = prefix &* Self.base &+ constHashScratch[position]
            let suffix = polynomial &- afterPrefix &* powers[length - 1 - position]
            let rest = prefix &* powers[length - 1 - position] &+ suffix
            // A merge must leave `minimumRest` constant tokens, or unrelated short messages would meet.
            let keep = length - 1 >= Self.minimumRest
            wildcardKeyScratch.append(keep ? Self.groupKey(length: length, position: position, rest: rest) : 0)
            prefix = afterPrefix
        }
        let substitutions = length
        for position in 0...length {
            let variableHere = position < length ? flagScratch[position].variableBefore : variableAtEnd
            wildcardKeyScratch.append(variableHere && length >= Self.minimumRest ? Self.groupKey(length: length + 1, position: position, rest: polynomial) : 0)
        }
        let threshold = Int32(configuration.variableThreshold)
        // A merged group that accepts this signature: the message joins that cluster.
        for (index, key) in wildcardKeyScratch.enumerated() where key != 0 {
            if !joinsMergedGroup(index, length) { continue }
            if let group = groups.find(key), groupMerged[Int(group)] {
                let cluster = root(Int(groupRoot[Int(group)]))
                signatures.set(signature, Int32(cluster))
                return cluster
            }
        }
        let cluster = makeCluster(bytes)
        signatures.set(signature, Int32(cluster))
        for (index, key) in wildcardKeyScratch.enumerated() where key != 0 {
            let shorter = index >= substitutions
            guard let found = groups.find(key) else {
                let group = Int32(groupRoot.count)
                groupRoot.append(Int32(cluster))
                groupCount.append(1)
                groupMerged.append(false)
                groupHasShorter.append(shorter)
                groupAnchored.append(!shorter && flagScratch[index].constantNeighbour ? 1 : 0)
                groupIdentifiers.append(!shorter && !flagScratch[index].plainWord ? 1 : 0)
                groupFirstMember.append(Int32(memberCluster.count))
                memberCluster.append(Int32(cluster))
                memberNext.append(-1)
                memberJoins.append(joinsMergedGroup(index, length))
                groups.set(key, group)
                continue
            }
            let group = Int(found)
            let seen = Int(groupCount[group])
            groupCount[group] += 1
            if shorter { groupHasShorter[group] = true }
            if !shorter {
                if !flagScratch[index].plainWord { groupIdentifiers[group] += 1 }
                if flagScratch[index].constantNeighbour { groupAnchored[group] += 1 }
            }
            memberCluster.append(Int32(cluster))
            memberNext.append(groupFirstMember[group])
            memberJoins.append(joinsMergedGroup(index, length))
            groupFirstMember[group] = Int32(memberCluster.count - 1)
            // This position is a variable when it holds a name (not a plain word: `chrome.exe`)
            // where other messages had a variable, or `threshold` distinct tokens next to a
            // constant word. A lone plain word between variables is more often the event's
            // name (`boot`, `halt`) than a value: it never joins the merged cluster.
            let identifiers = groupIdentifiers[group]
            if (identifiers >= 1 && groupHasShorter[group]) || groupAnchored[group] >= threshold {
                var merged = -1
                var member = Int(groupFirstMember[group])
                while member >= 0 {
                    if memberJoins[member] {
                        let next = Int(memberCluster[member])
                        merged = merged < 0 ? root(next) : union(merged, next)
                    }
                    member = Int(memberNext[member])
                }
                guard merged >= 0 else { continue }
                groupMerged[group] = true
                groupFirstMember[group] = -1   // merged: later messages join through the fast path
                let groupLength = index < substitutions ? length : length + 1
                let position = index < substitutions ? index : index - substitutions
                if Int(constCount[merged]) == groupLength {
                    constIsVariable[Int(constStart[merged]) + position] = true
                }
                groupRoot[group] = Int32(merged)
            }
        }
        return root(cluster)
    }

    /// Whether this message may join a merged group through key `index`: always through a gap
    /// (its variable stood there), else unless its token there is a plain word between variables.
    @inline(__always)
    private func joinsMergedGroup(_ index: Int, _ length: Int) -> Bool {
        index >= length || !flagScratch[index].plainWord || flagScratch[index].constantNeighbour
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

    /// Merges two clusters; the one with the longer signature (then the older) survives and
    /// keeps its template, with the variables of both when their signatures have one length.
    private mutating func union(_ a: Int, _ b: Int) -> Int {
        let rootA = root(a)
        let rootB = root(b)
        if rootA == rootB { return rootA }
        let aFirst = constCount[rootA] != constCount[rootB] ? constCount[rootA] > constCount[rootB] : rootA < rootB
        let survivor = aFirst ? rootA : rootB
        let absorbed = aFirst ? rootB : rootA
        parent[absorbed] = Int32(survivor)
        guard constCount[survivor] == constCount[absorbed] else { return survivor }
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
