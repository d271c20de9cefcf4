import CloudDoctorModels
import Foundation

/// A user as stored (without the password hash).
public struct UserRecord: Sendable, Equatable {
    public let id: Int64
    public let email: String
    public let name: String?
    public let createdAt: Date

    public init(id: Int64, email: String, name: String?, createdAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.createdAt = createdAt
    }

    /// `{"id","email","name","createdAt"}`: every key always present, `name` null when not given.
    func writeJSON(into json: inout JSONText) {
        json.object { user in
            user.field("id", id)
            user.field("email", email)
            user.field("name", name)
            user.field("createdAt", RFC3339.string(from: createdAt))
        }
    }
}

/// `{"user":User,"token":T}`, the answer to signup and login.
struct AuthenticatedBody {
    let user: UserRecord
    let token: String

    var bytes: [UInt8] {
        var json = JSONText()
        json.object { body in
            body.field("user") { user.writeJSON(into: &$0) }
            body.field("token", token)
        }
        return json.bytes
    }
}
