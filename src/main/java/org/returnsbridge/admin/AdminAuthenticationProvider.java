package org.returnsbridge.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks HTTP Basic credentials against the one operator account. Both parts are compared as SHA-256
 * digests in constant time, so the answer's timing says nothing about how close a guess was; only the
 * digests are kept. (A slow password hash would buy nothing here, as the password also sits in the
 * environment, and would cost every request: Basic authenticates each one, Hawtio sends many.)
 */
final class AdminAuthenticationProvider implements AuthenticationProvider {

    static final String ROLE = "ROLE_ADMIN";

    private final String username;
    private final byte[] usernameDigest;
    private final byte[] passwordDigest;

    AdminAuthenticationProvider(AdminCredentials credentials) {
        this.username = credentials.username();
        this.usernameDigest = digest(credentials.username());
        this.passwordDigest = digest(credentials.password());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String givenUser = String.valueOf(authentication.getPrincipal());
        Object givenPassword = authentication.getCredentials();
        boolean userMatches = MessageDigest.isEqual(usernameDigest, digest(givenUser));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest,
                digest(givenPassword == null ? "" : givenPassword.toString()));
        if (!(userMatches & passwordMatches)) {
            throw new BadCredentialsException("bad credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(username, null, List.of(new SimpleGrantedAuthority(ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
