/// Who makes a change: a role and the municipalities it acts for.
public struct Actor: Hashable, Sendable {
    /// The role.
    public var role: Role
    /// The municipalities the actor works in, e.g. `["Södertälje"]`. Ignored for admins,
    /// whose work (resolving conflicts) is not bound to a municipality.
    public var municipalities: Set<String>

    /// Creates an actor.
    public init(role: Role, municipalities: Set<String>) {
        self.role = role
        self.municipalities = municipalities
    }

    /// Whether the actor works in `municipality`.
    public func covers(_ municipality: String) -> Bool {
        role == .admin || municipalities.contains(municipality)
    }
}
