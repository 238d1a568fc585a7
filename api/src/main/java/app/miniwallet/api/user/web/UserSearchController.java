package app.miniwallet.api.user.web;

import app.miniwallet.api.user.UserSearch;
import app.miniwallet.platform.auth.AccessTokenClaims;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserSearchController {

    private final UserSearch search;

    UserSearchController(UserSearch search) {
        this.search = search;
    }

    @GetMapping("/api/users")
    List<UserSearch.Found> search(
            @AuthenticationPrincipal Jwt token, @RequestParam(name = "query", required = false) String query) {
        return search.find(query, AccessTokenClaims.accountOf(token));
    }
}
