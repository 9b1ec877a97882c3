package io.aviary.command.user;

/**
 * A row of {@code user_credentials}: what login needs and events must never hold.
 *
 * @param userId       the user ({@link io.aviary.events.user.UserIds#forUsername})
 * @param username     the login name as created
 * @param passwordHash the password in Spring Security's delegating format ({@code {bcrypt}…})
 */
public record UserCredential(String userId, String username, String passwordHash) {

    @Override
    public String toString() {
        return "UserCredential[" + userId + ", " + username + "]"; // never the hash in a log line
    }
}
