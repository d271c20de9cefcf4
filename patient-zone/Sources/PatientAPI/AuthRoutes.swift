import Hummingbird

/// Signup, login, logout and the current user.
struct AuthRoutes {
    let auth: AuthService
    let bodies: JSONBodyReader

    func register(on router: Router<APIRequestContext>) {
        router.post("/api/auth/signup") { request, context in
            let body = try await bodies.decode(SignupRequest.self, from: request)
            let (user, token) = try await auth.signup(email: body.email, password: body.password, name: body.name)
            context.observation.userID = user.id
            return Response.json(.created, AuthenticatedBody(user: user, token: token).bytes)
        }
        router.post("/api/auth/login") { request, context in
            let body = try await bodies.decode(LoginRequest.self, from: request)
            let (user, token) = try await auth.login(
                email: body.email, password: body.password, clientAddress: context.clientAddress)
            context.observation.userID = user.id
            return Response.json(.ok, AuthenticatedBody(user: user, token: token).bytes)
        }
        router.post("/api/auth/logout") { request, _ in
            try await auth.logout(authorization: request.headers[.authorization])
            return Response(status: .noContent)
        }
        router.get("/api/users/me") { request, context in
            let user = try await auth.authenticate(authorization: request.headers[.authorization])
            context.observation.userID = user.id
            var json = JSONText()
            user.writeJSON(into: &json)
            return Response.json(.ok, json.bytes)
        }
    }
}
