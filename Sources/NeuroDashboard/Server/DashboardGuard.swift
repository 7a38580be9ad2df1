import Hummingbird

/// The dashboard's checks on every request: the token (401 without it, when one is
/// configured), the page's own header on every POST (403 without it: a form on another site
/// cannot set it, so a control cannot be triggered cross-site), security headers on every
/// answer, and ``DashboardError``s turned into JSON answers.
///
/// No CORS header is ever sent: other origins cannot read anything.
struct DashboardGuard<Context: RequestContext>: RouterMiddleware {
    /// The token, if one is required.
    let token: String?

    /// The page and its assets hold no data and are served without the token, so a person
    /// can open the page and give it the token (URL fragment or prompt).
    static var publicPaths: Set<String> { ["/", "/dashboard.js", "/dashboard.css"] }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        var response: Response
        do {
            try check(request)
            response = try await next(request, context)
        } catch let error as DashboardError {
            response = Self.response(for: error)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        response.headers[.referrerPolicy] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    private func check(_ request: Request) throws(DashboardError) {
        if let token, !Self.publicPaths.contains(request.uri.path) {
            let given =
                request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
                ?? request.headers[.dashboardToken] ?? request.uri.queryParameters.get("token")
            guard let given, Self.isEqualInConstantTime(given, token) else {
                throw DashboardError(
                    code: .unauthorized, message: "this dashboard needs its token", status: .unauthorized)
            }
        }
        if request.method == .post, request.headers[.dashboardRequest] != "1" {
            throw DashboardError(
                code: .forbidden, message: "controls are sent by the dashboard page (X-Neuro-Dashboard: 1)",
                status: .forbidden)
        }
    }

    /// A JSON answer for an error.
    static func response(for error: DashboardError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if error.status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        if error.status == .methodNotAllowed { headers[.allow] = "POST" }
        let body = DashboardJSON.object(["error": error.code.rawValue, "message": error.message])
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Compares without stopping at the first difference.
    static func isEqualInConstantTime(_ given: String, _ expected: String) -> Bool {
        let (a, b) = (Array(given.utf8), Array(expected.utf8))
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<b.count { difference |= (index < a.count ? a[index] : 0) ^ b[index] }
        return difference == 0
    }
}

extension HTTPFields.Element.Name {
    /// The dashboard's token header.
    static var dashboardToken: Self { Self("X-Neuro-Dashboard-Token")! }
    /// The header the page sends with every control.
    static var dashboardRequest: Self { Self("X-Neuro-Dashboard")! }
    static var xContentTypeOptions: Self { Self("X-Content-Type-Options")! }
    static var referrerPolicy: Self { Self("Referrer-Policy")! }
}
