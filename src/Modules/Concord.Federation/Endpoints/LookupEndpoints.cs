using System.ComponentModel;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Concord.Access;
using Concord.Federation.Features.Lookups;
using Concord.Intel;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Concord.Federation.Endpoints;

/// <summary>Blind lookups: answering a peer's hashed question, asking the peers, and the federation secret.</summary>
internal static class LookupEndpoints
{
    public const string RateLimit = "concord-blind-lookups";

    public static void MapLookupApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/federation/lookups").WithTags("Federation");
        group.MapPost("/", AnswerAsync).RequireAuthorization(AccessPolicies.Reader).RequireRateLimiting(RateLimit).WithName("AnswerBlindLookup")
            .WithSummary("A peer's blind question: up to 100 hashes (HMAC-SHA256 of a value's index key under the federation secret, 8 bytes as 16 hex digits). Each is answered, in order, with the records holding the value that the caller may read, and 'anonymous' when a member whose records the caller may not read opted into hit alerts (that member is told). Rate-limited per caller; audited without the hashes.");
        group.MapPost("/ask", AskAsync).RequireAuthorization(AccessPolicies.Member).RequireRateLimiting(RateLimit).WithName("AskBlindLookup")
            .WithSummary("Ask every connected node whether it holds these values (up to 100), without telling the values to a node that does not: only their blind hashes leave this node. Answers per value what each node said, and per node whether it answered.");
        group.MapGet("/secret", StatusAsync).RequireAuthorization(AccessPolicies.NodeAdmin).WithName("GetBlindLookupStatus")
            .WithSummary("Whether blind lookups are on (a federation secret is set), the secret's short fingerprint for admins to compare, and how far the blind index is built.");
        group.MapPut("/secret", SetSecretAsync).RequireAuthorization(AccessPolicies.NodeAdmin).WithName("SetBlindLookupSecret")
            .WithSummary("Set the federation secret the alliance's node admins share (at least 32 characters; empty turns blind lookups off). Only its fingerprint is ever shown back; the blind index is rebuilt.");
    }

    /// <summary>Questions per caller per minute: a peer node or member by its credential, else by address.</summary>
    public static void AddLookupRateLimit(this IServiceCollection services) =>
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(RateLimit, http =>
        {
            var permits = http.RequestServices.GetRequiredService<IOptions<LookupOptions>>().Value.PermitsPerMinute;
            var caller = http.User.FindFirst("sub")?.Value is { } subject ? "sub:" + subject : "ip:" + http.Connection.RemoteIpAddress;
            return RateLimitPartition.GetFixedWindowLimiter(caller,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));

    private static async Task<Results<Ok<BlindAnswer>, ProblemHttpResult>> AnswerAsync(
        [Description("The hashes to look up: 1 to 100, each 16 hexadecimal digits.")] BlindLookupRequest request,
        ClaimsPrincipal user, IPrincipalResolver principals, IBlindLookups blind, CancellationToken cancellationToken) =>
        (await blind.AnswerAsync(await principals.ResolveAsync(user, cancellationToken), request?.Hashes, cancellationToken)).ToOk();

    private static async Task<Results<Ok<FederatedLookup>, ProblemHttpResult>> AskAsync(
        [Description("The values to ask about: 1 to 100, as in correlation (kind:value, or a value whose kind is detected).")] FederatedLookupRequest request,
        ClaimsPrincipal user, IPrincipalResolver principals, IFederatedLookups lookups, CancellationToken cancellationToken) =>
        (await lookups.AskAsync(await principals.ResolveAsync(user, cancellationToken), request?.Values, cancellationToken)).ToOk();

    private static async Task<Ok<BlindStatus>> StatusAsync(IBlindLookups blind, CancellationToken cancellationToken) =>
        TypedResults.Ok(await blind.StatusAsync(cancellationToken));

    private static async Task<Results<Ok<BlindStatus>, ProblemHttpResult>> SetSecretAsync(
        [Description("The shared secret (at least 32 characters), or empty to turn blind lookups off.")] BlindSecretRequest request,
        ClaimsPrincipal user, IPrincipalResolver principals, IBlindLookups blind, CancellationToken cancellationToken) =>
        (await blind.SetSecretAsync(await principals.ResolveAsync(user, cancellationToken), request?.Secret, cancellationToken)).ToOk();
}
