using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Concord.Access.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.Access.Authentication;

internal static class AuthenticationSetup
{
    /// <summary>Rate-limiter policy on <c>POST /auth/login</c>.</summary>
    public const string LoginRateLimit = "concord-login";

    /// <summary>Authenticated, even with a one-time password still to change: only for <c>/me</c> and password change.</summary>
    public const string AnyAuthenticated = AccessPolicies.SignedIn;

    public static IServiceCollection AddAccessAuthentication(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddIdentityCore<AccessUser>()
            .AddUserStore<AccessUserStore>()
            .AddSignInManager()
            .AddPasswordValidator<PasswordPolicy>()
            .AddTokenProvider<ReplayGuardedAuthenticator>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccessOptions>>((identity, access) =>
        {
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = access.Value.MaxFailedPasswordAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = access.Value.LockoutDuration;

            // Length over composition rules (NIST SP 800-63B); PasswordPolicy adds its blocklist and context rules.
            // Generated one-time passwords are 20 random characters.
            identity.Password.RequiredLength = PasswordPolicy.MinLength;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.User.RequireUniqueEmail = false;
        });

        services.AddSingleton<AuthThrottle>();
        services.AddSingleton<PasswordCache>();
        services.AddScoped<SessionStore>();
        services.AddScoped<ApiKeyAuthenticator>();
        services.AddScoped<PasswordChecker>();
        services.AddAuthentication(AccessSchemes.Default)
            .AddPolicyScheme(AccessSchemes.Default, "Concord", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(AccessSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, BasicHandler>(AccessSchemes.Basic, null)
            .AddCookie(AccessSchemes.Cookie, o =>
            {
                o.Cookie.Name = AccessSchemes.CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.Events = new CookieEvents();
            });
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(AccessSchemes.Cookie)
            .Configure<IOptions<AccessOptions>>((cookie, access) =>
            {
                cookie.Cookie.SecurePolicy = access.Value.RequireSecureCookie ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = access.Value.SessionLifetime;
            });

        // Fail closed: an endpoint or page that names no policy (the fallback) or names none in [Authorize] (the default)
        // needs a member with no one-time password left to change. Strangers are let in only by an explicit AllowAnonymous.
        var member = Require(new AuthorizationPolicyBuilder(), Role.ReadOnly).Build();
        services.AddSingleton<IAuthorizationHandler, PublicReadHandler>();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(member)
            .SetFallbackPolicy(member)
            .AddPolicy(AnyAuthenticated, p => p.RequireAuthenticatedUser().RequireClaim(AccessClaims.Kind))
            .AddPolicy(AccessPolicies.Member, member)
            .AddPolicy(AccessPolicies.Reader, p => p.RequireAuthenticatedUser().RequireClaim(AccessClaims.Kind).RequireAssertion(c => IsReader(c.User)))
            .AddPolicy(AccessPolicies.PublicReader, p => p.AddRequirements(new PublicReadRequirement()))
            .AddPolicy(AccessPolicies.Analyst, p => Require(p, Role.Analyst).RequireClaim(AccessClaims.Organisation))
            .AddPolicy(AccessPolicies.OrgAdmin, p => Require(p, Role.OrgAdmin))
            .AddPolicy(AccessPolicies.Secretariat, p => Require(p, Role.Secretariat))
            .AddPolicy(AccessPolicies.NodeAdmin, p => Require(p, Role.NodeAdmin));

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

            // The host may already answer rejections for every policy; keep its answer, else give ours.
            o.OnRejected ??= (context, _) => new ValueTask(AuthProblems.WriteTooManyAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1)));
            o.AddPolicy(LoginRateLimit, http =>
            {
                // Attempts are POSTs; showing the sign-in page (GET) costs nothing.
                if (!HttpMethods.IsPost(http.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }

                var permits = http.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.LoginPermitsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    /// <summary>The <c>Authorization</c> schemes that carry an API key as is.</summary>
    public static readonly string[] TokenSchemes = ["Bearer ", "Token "];

    private static string SelectScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (TokenSchemes.Any(s => header.StartsWith(s, StringComparison.OrdinalIgnoreCase)) || BareApiKey.Read(context) is not null)
        {
            return AccessSchemes.ApiKey;
        }

        return header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? AccessSchemes.Basic : AccessSchemes.Cookie;
    }

    /// <summary>A member (user or API key) with at least <paramref name="minimum"/>; never a peer node, which acts for no organisation.</summary>
    private static AuthorizationPolicyBuilder Require(AuthorizationPolicyBuilder policy, Role minimum) => policy
        .RequireAuthenticatedUser()
        .RequireClaim(AccessClaims.Kind)
        .RequireAssertion(c => MayAct(c.User, minimum));

    /// <summary>What <see cref="AccessPolicies.Reader"/> admits: a peer node, or a member with no password change pending.</summary>
    internal static bool IsReader(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(c => c.Type == AccessClaims.Kind) && (AccessClaims.IsPeerNode(user) || MayAct(user, Role.ReadOnly));

    private static bool MayAct(ClaimsPrincipal user, Role minimum) =>
        !AccessClaims.IsPeerNode(user) && !user.HasClaim(x => x.Type == AccessClaims.MustChangePassword) && RoleOf(user) >= minimum;

    private static Role RoleOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AccessClaims.Role), NumberStyles.None, CultureInfo.InvariantCulture, out var role) ? (Role)role : Role.ReadOnly;
}
