import Foundation

/// One `.tf` file: its path as shown in patches (relative to the repository root when possible)
/// and its text.
public struct TerraformFile: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// A resource (or data/module) block found in the Terraform, with the file it lives in.
public struct TerraformResource: Sendable, Hashable {
    public var file: TerraformFile
    public var block: HCLBlock

    public var type: String { block.labels.first ?? "" }
    public var name: String { block.labels.count > 1 ? block.labels[1] : "" }
    public var text: String {
        String(decoding: Array(file.text.utf8)[block.range], as: UTF8.self)
    }
}

/// The Terraform a prescriber may edit: every `.tf` file under a directory, parsed.
/// Resources are found by type and attributes, never by name, so naming differences don't matter.
public struct TerraformContext: Sendable {
    /// The directory as given (e.g. `infra/aws`), for messages.
    public var directory: String?
    public var files: [TerraformFile]
    /// Files that did not parse, with the reason (they are left alone).
    public var problems: [String]
    /// Every file that parsed, with its body.
    public private(set) var parsed: [(file: TerraformFile, body: HCLBody)]

    public static let empty = TerraformContext(files: [])

    public init(directory: String? = nil, files: [TerraformFile]) {
        self.directory = directory
        self.files = files
        var problems: [String] = []
        var parsed: [(file: TerraformFile, body: HCLBody)] = []
        for file in files {
            do {
                parsed.append((file: file, body: try HCLParser().parse(file.text)))
            } catch {
                problems.append("\(file.path): \(error)")
            }
        }
        self.problems = problems
        self.parsed = parsed
    }

    /// Reads every `.tf` and `.tfvars` file under `directory` (not `.terraform/`), sorted by path. Paths in
    /// patches are `directory`-prefixed as given, so a patch applies from where the command ran.
    /// `base`, when given, is the directory `directory` is relative to (default: the working directory).
    public static func load(directory: String, base: String? = nil, fileManager: FileManager = .default) -> TerraformContext {
        var files: [TerraformFile] = []
        let root = base.map { URL(fileURLWithPath: $0).appendingPathComponent(directory) } ?? URL(fileURLWithPath: directory)
        if let walker = fileManager.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker {
                if url.lastPathComponent == ".terraform" || url.lastPathComponent.hasPrefix(".") {
                    walker.skipDescendants()
                    continue
                }
                guard url.pathExtension == "tf" || url.pathExtension == "tfvars", let data = fileManager.contents(atPath: url.path),
                      data.count < 4 * 1024 * 1024, let text = String(data: data, encoding: .utf8) else { continue }
                let relative = String(url.path.dropFirst(root.path.count).drop(while: { $0 == "/" }))
                let shown = directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
                files.append(TerraformFile(path: shown, text: text))
            }
        }
        files.sort { $0.path < $1.path }
        return TerraformContext(directory: directory, files: files)
    }

    /// Resource blocks of a type, in file order. `where` filters on the block.
    public func resources(type: String, kind: String = "resource", where predicate: (HCLBlock) -> Bool = { _ in true }) -> [TerraformResource] {
        parsed.flatMap { file, body in
            body.blocks.filter { $0.type == kind && $0.labels.first == type && predicate($0) }
                .map { TerraformResource(file: file, block: $0) }
        }
    }

    /// The resource with this type and name (used to compare a proposed block with the current one).
    public func resource(type: String, name: String) -> TerraformResource? {
        resources(type: type).first { $0.name == name }
    }
}
