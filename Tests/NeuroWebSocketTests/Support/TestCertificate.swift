import NIOSSL

/// A self-signed certificate for 127.0.0.1 and localhost (P-256, valid until 2126), made for
/// these tests with `openssl req -x509`; the key protects nothing.
enum TestCertificate {
    static let certificatePEM = """
        -----BEGIN CERTIFICATE-----
        MIIBnDCCAUGgAwIBAgIUdqH9fXAVlz7hRhMDYa6iPp5LG+swCgYIKoZIzj0EAwIw
        FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNjE5MjAwOVoYDzIxMjYxMTAy
        MTkyMDA5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
        PQMBBwNCAAQAyVJq0alnosPxYAjgLjghxF9BTSEabyWxrPQFrs7scEkEFUmbMTH2
        aAWD9ec2ZeuhTbY7RRpSM8gK6zFq+UQqo28wbTAdBgNVHQ4EFgQUQTGcj9hkVPfz
        bNlvxjc7G0KJiFAwHwYDVR0jBBgwFoAUQTGcj9hkVPfzbNlvxjc7G0KJiFAwDwYD
        VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwCgYIKoZI
        zj0EAwIDSQAwRgIhAKo9yODWPQ0LwYv6icycUKDV+yQp8JJoSRvTKBNUz2OUAiEA
        1w6cV1I8BYXQkAeYG9zYeFfibj7IlZbvqg1iSvFTCy4=
        -----END CERTIFICATE-----
        """

    static let privateKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgrnLAF4d06e5Ijk9A
        71ZW3ffijzeAiX7cNDWHDEzBChqhRANCAAQAyVJq0alnosPxYAjgLjghxF9BTSEa
        byWxrPQFrs7scEkEFUmbMTH2aAWD9ec2ZeuhTbY7RRpSM8gK6zFq+UQq
        -----END PRIVATE KEY-----
        """

    /// The server's TLS context.
    static func serverContext() throws -> NIOSSLContext {
        try NIOSSLContext(
            configuration: .makeServerConfiguration(
                certificateChain: [.certificate(NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))],
                privateKey: .privateKey(NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem))
            )
        )
    }

    /// A client configuration that trusts only this certificate (hostnames checked).
    static func clientConfiguration() throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem)])
        return configuration
    }
}
