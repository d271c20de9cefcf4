import AsyncHTTPClient
import ChatOps
import Crypto
import DoctorServer
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOConcurrencyHelpers
import NIOSSL
import Testing
import X509

/// The production fetcher and confirmer (`HTTPCertificateFetcher`, `HTTPSubscriptionConfirmer`) over real
/// TLS on loopback: the test serves the SNS signing certificate and a SubscribeURL from `https://localhost:PORT`,
/// trusted only through the test configuration (`snsExtraOrigins` and a client that trusts the test's TLS cert).
@Suite(.timeLimit(.minutes(1))) struct SNSOverTLSTests {
    struct TLSIdentity {
        let certificate: NIOSSLCertificate
        let key: NIOSSLPrivateKey

        init() throws {
            let key = P256.Signing.PrivateKey()
            let certificateKey = Certificate.PrivateKey(key)
            let name = try DistinguishedName { CommonName("localhost") }
            let certificate = try Certificate(
                version: .v3, serialNumber: .init(), publicKey: certificateKey.publicKey,
                notValidBefore: Date().addingTimeInterval(-3_600), notValidAfter: Date().addingTimeInterval(3_600),
                issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions { SubjectAlternativeNames([.dnsName("localhost")]) },
                issuerPrivateKey: certificateKey)
            self.certificate = try NIOSSLCertificate(bytes: Array(try certificate.serializeAsPEM().pemString.utf8), format: .pem)
            self.key = try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem)
        }
    }

    @Test func certificateAndSubscribeURLAreFetchedOverLoopbackTLS() async throws {
        let identity = try TLSIdentity()
        let visits = NIOLockedValueBox([String]())
        let signer = SNSSigner.shared
        let router = Router()
        router.get("/SimpleNotificationService-loopback.pem") { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: signer.pem)))
        }
        router.get("/confirm") { request, _ -> Response in
            visits.withLockedValue { $0.append(request.uri.description) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "<ConfirmSubscriptionResponse/>")))
        }
        let server = try TLSConfiguration.makeServerConfiguration(certificateChain: [.certificate(identity.certificate)], privateKey: .privateKey(identity.key))
        var clientTLS = TLSConfiguration.makeClientConfiguration()
        clientTLS.trustRoots = .certificates([identity.certificate])
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: clientTLS))
        do {
            try await exercise(router: router, server: server, client: client, signer: signer, visits: visits)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    func exercise(router: Router<BasicRequestContext>, server: TLSConfiguration, client: HTTPClient, signer: SNSSigner,
                  visits: NIOLockedValueBox<[String]>) async throws {
        try await withRunning({ onRunning in
            Application(router: router, server: try! .tls(tlsConfiguration: server),
                        configuration: .init(address: .hostname("127.0.0.1", port: 0)), onServerRunning: onRunning, logger: Logger(label: "tls-sns"))
        }) { tlsPort, _ in
            let origin = "https://localhost:\(tlsPort)"
            let confirmer = HTTPSubscriptionConfirmer(httpClient: client)
            try await Harness.run(
                certificatesFetcher: HTTPCertificateFetcher(httpClient: client), subscriptions: confirmer,
                configure: { $0.snsExtraOrigins = [origin] }
            ) { h in
                let certURL = "\(origin)/SimpleNotificationService-loopback.pem"
                let subscribe = "\(origin)/confirm?Action=ConfirmSubscription&Token=tok"
                let fields = ["Type": "SubscriptionConfirmation", "MessageId": "m-tls", "Token": "tok",
                              "TopicArn": "arn:aws:sns:us-east-1:123456789012:doctor", "Message": "confirm me",
                              "SubscribeURL": subscribe, "Timestamp": "2026-11-27T17:20:54.000Z", "SigningCertURL": certURL]
                let reply = try await h.post("/alerts/sns", body: try signer.signed(fields), contentType: "text/plain; charset=UTF-8")
                #expect(reply.status == 200)
                #expect(visits.withLockedValue { $0 } == ["/confirm?Action=ConfirmSubscription&Token=tok"])
                // The same origin on another port is not trusted.
                var other = fields
                other["SigningCertURL"] = "https://localhost:\(tlsPort == 1 ? 2 : 1)/SimpleNotificationService-loopback.pem"
                let refused = try await h.post("/alerts/sns", body: try signer.signed(other), contentType: "text/plain; charset=UTF-8")
                #expect(refused.status == 403)
                #expect(visits.withLockedValue { $0 }.count == 1)
            }
        }
    }
}
