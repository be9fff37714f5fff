package org.povertyalleviation.training.certificate;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param publicBaseUri where anyone reaches the verification pages: the gateway's public address followed by
 *                      /api/training/verify (a certificate's QR code points at {@code <publicBaseUri>/<code>/page})
 */
@ConfigurationProperties("training.certificates")
public record CertificateProperties(URI publicBaseUri) {

    public CertificateProperties {
        publicBaseUri = publicBaseUri == null ? URI.create("http://localhost:8080/api/training/verify") : publicBaseUri;
    }

    public String pageOf(String code) {
        return publicBaseUri.toString().replaceAll("/+$", "") + "/" + code + "/page";
    }
}
