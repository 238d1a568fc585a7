package app.miniwallet.api.user.web;

import app.miniwallet.api.ratelimit.Limit;
import app.miniwallet.api.ratelimit.RateLimits;
import app.miniwallet.api.user.User;
import app.miniwallet.api.user.UserSearch;
import app.miniwallet.api.user.Users;
import app.miniwallet.api.web.Problems;
import app.miniwallet.api.web.TooManyAttemptsException;
import app.miniwallet.platform.auth.AccessTokenClaims;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The search for someone to pay: rate-limited per caller and per client address, and only for verified callers. */
@RestController
class UserSearchController {

    private final UserSearch search;
    private final Users users;
    private final RateLimits limits;

    UserSearchController(UserSearch search, Users users, RateLimits limits) {
        this.search = search;
        this.users = users;
        this.limits = limits;
    }

    @GetMapping("/api/users")
    List<UserSearch.Found> search(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(name = "query", required = false) String query,
            HttpServletRequest http) {
        var caller = AccessTokenClaims.accountOf(token);
        var address = http.getRemoteAddr();
        limits.enforce(Limit.SEARCH_PER_ADDRESS, address);
        limits.hit(Limit.SEARCH_PER_ACCOUNT, caller.toString()).ifPresent(wait -> {
            // no search, so none of its address's either: one caller past its limit uses up no one else's behind
            // the same address
            limits.takeBack(Limit.SEARCH_PER_ADDRESS, address);
            throw new TooManyAttemptsException(wait);
        });
        var verified = users.findById(caller.value()).map(User::isEmailVerified).orElse(false);
        if (!verified) {
            throw Problems.exception(
                    HttpStatus.FORBIDDEN,
                    "Your email address is not verified yet. Open the link we emailed you, then you can search for"
                            + " people to pay.");
        }
        return search.find(query, caller);
    }
}
