/// The parts of an HTTP request that SigV4 signs.
///
/// `path` is the path exactly as it goes on the request line (already percent-encoded once, as the
/// services' URL rules want; e.g. Bedrock's `/model/us.anthropic…-v1%3A0/invoke`). SigV4 encodes it
/// once more for the canonical request, which is the "double encoding" every service but S3 expects.
/// `query` holds decoded names and values; the signer and the wire form encode them the same way.
public struct SigV4Request: Sendable, Hashable {
    public var method: String
    public var path: String
    public var query: [QueryItem]
    /// Header names as given; repeated names are allowed and keep their order.
    public var headers: [Header]
    public var body: [UInt8]

    public struct QueryItem: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, path: String, query: [QueryItem] = [], headers: [Header] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The encoded query string for the wire (no leading `?`), in canonical order.
    public var encodedQuery: String {
        URIEncoding.canonicalQuery(query.map { ($0.name, $0.value) })
    }

    /// The request target: path plus `?query` when there is one.
    public var target: String {
        query.isEmpty ? path : "\(path)?\(encodedQuery)"
    }

    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }
}
