using System.Security.Claims;
using Concord.Access.Authentication;
using Concord.Access.Features.Admin;
using Concord.Access.Features.Validation;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Access.Endpoints;

/// <summary>
/// API keys: a signed-in user creates keys for themself (the secret is in the creation response only); users list and
/// revoke their own keys, org admins their organisation's, node admins all. Others' keys answer 404.
/// </summary>
internal static class ApiKeyEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api-keys").WithTags("API keys");
        group.MapGet("/", ListAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.ListApiKeys)).WithName("ListApiKeys").WithSummary("List the API keys you manage (never their secrets).");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.GetApiKey)).WithName("GetApiKey").WithSummary("Get one API key (never its secret).");
        group.MapPost("/", CreateAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.CreateApiKey)).WithName("CreateApiKey").WithSummary("Create an API key for yourself; the key is shown in this response only.");
        group.MapPost("/{id:guid}/revoke", RevokeAsync).RequireAuthorization(AdminRules.Policy(AdminOperation.RevokeApiKey)).WithName("RevokeApiKey").WithSummary("Revoke an API key; it stops working at once.");
    }

    private static async Task<Results<Ok<List<ApiKeyResponse>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, ApiKeyService keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var listed = await keys.ListAsync(Caller.From(user), cancellationToken);
        return listed.IsSuccess ? TypedResults.Ok(listed.Value!.Select(k => ApiKeyResponse.From(k, time.GetUtcNow())).ToList()) : listed.Error!.ToProblem();
    }

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, ApiKeyService keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var found = await keys.GetAsync(Caller.From(user), id, cancellationToken);
        return found.IsSuccess ? TypedResults.Ok(ApiKeyResponse.From(found.Value!, time.GetUtcNow())) : found.Error!.ToProblem();
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyService keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        Role? role = null;
        if (request.Role is not null)
        {
            if (!AccessNames.TryParseRole(request.Role, out var r))
            {
                return Error.Validation("role", "enum", $"'role' must be one of: {AccessNames.Roles}.").ToProblem();
            }

            role = r;
        }

        var issued = await keys.CreateAsync(caller, caller.UserId ?? Guid.Empty, request.Name, role, request.ExpiresAt, cancellationToken);
        return issued.IsSuccess
            ? TypedResults.Created($"api-keys/{issued.Value!.ApiKey.Id}",
                new CreatedApiKeyResponse(ApiKeyResponse.From(issued.Value.ApiKey, time.GetUtcNow()), issued.Value.Key))
            : issued.Error!.ToProblem();
    }

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> RevokeAsync(
        Guid id, ClaimsPrincipal user, ApiKeyService keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var revoked = await keys.RevokeAsync(Caller.From(user), id, cancellationToken);
        return revoked.IsSuccess ? TypedResults.Ok(ApiKeyResponse.From(revoked.Value!, time.GetUtcNow())) : revoked.Error!.ToProblem();
    }
}
