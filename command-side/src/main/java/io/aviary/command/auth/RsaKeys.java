package io.aviary.command.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;

/** Generating RSA 2048 signing keys and reading them back from their stored DER forms. */
final class RsaKeys {

    static final int KEY_SIZE = 2048;

    private RsaKeys() {
    }

    /** A fresh key pair; its kid is the RFC 7638 thumbprint, so it names the public key itself. */
    static SigningKey generate(Instant createdAt, Instant activatesAt) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            KeyPair pair = generator.generateKeyPair();
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            String kid = new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
            return new SigningKey(kid, publicKey, (RSAPrivateKey) pair.getPrivate(), createdAt, activatesAt, null);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA signing key", e);
        }
    }

    /** The public key from its X.509 SubjectPublicKeyInfo DER form. */
    static RSAPublicKey publicKey(byte[] x509) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable public key in signing_keys", e);
        }
    }

    /** The private key from its PKCS#8 DER form. */
    static RSAPrivateKey privateKey(byte[] pkcs8) {
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unreadable private key in signing_keys", e);
        }
    }
}
