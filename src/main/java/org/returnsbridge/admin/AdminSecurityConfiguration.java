package org.returnsbridge.admin;

import java.time.Clock;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.returnsbridge.connections.BridgeMode;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may use the bridge over HTTP: the one operator account, by HTTP Basic, on everything — the REST
 * API, Hawtio, Jolokia, Prometheus — except the health probes, which a load balancer or Kubernetes
 * calls without credentials.
 *
 * <p>Stateless: no session, every request carries its credentials (curl's {@code -u}, or the browser
 * once it has asked for them). So there is no CSRF token; {@link CrossSiteRequestFilter} refuses the
 * requests another site's page could make with a browser's cached credentials instead.
 *
 * <p>Reveni's webhooks ({@code /webhooks/**}) are reachable without Basic auth: Reveni cannot send
 * the operator's password; each delivery is verified by its HMAC signature instead (webhooks package).
 *
 * <p>Wrong passwords are logged and counted per remote address ({@link FailedSignInLog}); an address with too
 * many is answered 429 for a while ({@link SignInThrottleFilter}). Jolokia's access policy
 * ({@link JolokiaAccessPolicy}) limits what even the operator account can do through it.
 */
@Configuration(proxyBeanMethods = false)
public class AdminSecurityConfiguration {

    /** Where Hawtio answers (the actuator's base path, then {@code hawtio}). */
    static final String HAWTIO_PATH = "/actuator/hawtio/";
    /** The probe groups (application.yml, management.endpoint.health.group). */
    static final Set<String> PROBES = Set.of("/actuator/health/liveness", "/actuator/health/readiness");

    /**
     * After the vendor connections: a half-configured vendor account is what to report first, since it may
     * mean live mode was not even intended (and it is validated there).
     */
    @Bean
    @DependsOn({"reveniConnection", "sitooConnection"})
    AdminCredentials adminCredentials(BridgeMode mode, AdminProperties configured) {
        return AdminCredentials.resolve(mode, configured);
    }

    /** Being an AuthenticationProvider bean, it also keeps Spring Boot from generating a user of its own. */
    @Bean
    AdminAuthenticationProvider adminAuthenticationProvider(AdminCredentials credentials) {
        return new AdminAuthenticationProvider(credentials);
    }

    @Bean
    GeneratedPasswordBanner generatedPasswordBanner(AdminCredentials credentials) {
        return new GeneratedPasswordBanner(credentials);
    }

    @Bean
    SignInThrottle signInThrottle(SignInProperties properties) {
        return new SignInThrottle(properties, Clock.systemUTC());
    }

    @Bean
    FailedSignInLog failedSignInLog(SignInThrottle throttle) {
        return new FailedSignInLog(throttle);
    }

    /** Parsed at start-up, so a broken policy file stops the bridge instead of failing its first Jolokia call. */
    @Bean
    JolokiaAccessPolicy jolokiaAccessPolicy() {
        return new JolokiaAccessPolicy();
    }

    /**
     * The health probes answer by the bridge's state alone: whatever {@code Authorization} header comes with
     * liveness and readiness (a load balancer's stale password, {@code Bearer x}, garbage) is not read, so it can
     * neither turn a probe into a 401 nor count as a failed sign-in, and those groups never show details. The
     * rest of {@code /actuator/health} is open without credentials too (the overall status, nothing more); with
     * them it is an operator's request like any other, through {@link #adminSecurity} (a wrong password is a 401
     * and a failed sign-in), and the operator sees every component with its details ({@code show-details:
     * when-authorized}).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain healthProbes(HttpSecurity http) throws Exception {
        http.securityMatcher(new AndRequestMatcher(EndpointRequest.to(HealthEndpoint.class),
                        new OrRequestMatcher(AdminSecurityConfiguration::isProbe, request -> request.getHeader("Authorization") == null)))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** The liveness and readiness groups, which Kubernetes and load balancers call. */
    private static boolean isProbe(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return PROBES.contains(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    @Bean
    SecurityFilterChain adminSecurity(HttpSecurity http, SignInThrottle throttle) throws Exception {
        JsonAuthenticationEntryPoint entryPoint = new JsonAuthenticationEntryPoint();
        http.authorizeHttpRequests(requests -> requests
                        // A forward or an error page only follows a request that was already let through
                        // (Hawtio forwards /actuator/hawtio/jolokia to /actuator/jolokia).
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/webhooks/reveni").permitAll()
                        .anyRequest().hasAuthority(AdminAuthenticationProvider.ROLE))
                .httpBasic(basic -> basic.realmName(JsonAuthenticationEntryPoint.REALM).authenticationEntryPoint(entryPoint))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .addFilterBefore(new CrossSiteRequestFilter(), CsrfFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle), BasicAuthenticationFilter.class)
                .addFilterAfter(new HawtioSignInPage(HAWTIO_PATH), BasicAuthenticationFilter.class)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable);
        return http.build();
    }
}
