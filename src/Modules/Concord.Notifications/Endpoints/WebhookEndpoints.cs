using System.Security.Claims;
using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Notifications.Features.Webhooks;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Notifications.Endpoints;

/// <summary>An organisation's webhooks (org admins, their own organisation's only) and their delivery log.</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/webhooks").WithTags("Notifications").RequireAuthorization(AccessPolicies.OrgAdmin);
        group.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("Your organisation's webhooks.");
        group.MapPost("/", CreateAsync).WithName("CreateWebhook")
            .WithSummary("Add a webhook; the answer holds its signing secret, shown this once.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Delete one of your organisation's webhooks.");
        group.MapPost("/{id:guid}/test", TestAsync).WithName("TestWebhook")
            .WithSummary("Send a signed test notification to the webhook now and answer how the delivery went.");
        group.MapGet("/{id:guid}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries")
            .WithSummary("The webhook's latest deliveries, newest first: status, attempts, the receiver's answer.");
    }

    private static async Task<Results<Ok<IReadOnlyList<WebhookInfo>>, ProblemHttpResult>> ListAsync(ClaimsPrincipal user, IWebhooks webhooks, CancellationToken cancellationToken)
    {
        var result = await webhooks.ListAsync(user, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Created<WebhookInfo>, ProblemHttpResult>> CreateAsync(
        ClaimsPrincipal user, IWebhooks webhooks, WebhookRequest request, CancellationToken cancellationToken)
    {
        var result = await webhooks.CreateAsync(user, request.Url, request.Kinds, cancellationToken);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/webhooks/{result.Value!.Id:D}", result.Value) : result.Error!.ToProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, IWebhooks webhooks, CancellationToken cancellationToken)
    {
        var result = await webhooks.DeleteAsync(user, id, cancellationToken);
        return result.IsSuccess ? TypedResults.NoContent() : result.Error!.ToProblem();
    }

    private static async Task<Results<Ok<DeliveryInfo>, ProblemHttpResult>> TestAsync(Guid id, ClaimsPrincipal user, IWebhooks webhooks, CancellationToken cancellationToken)
    {
        var result = await webhooks.SendTestAsync(user, id, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<IReadOnlyList<DeliveryInfo>>, ProblemHttpResult>> DeliveriesAsync(
        Guid id, ClaimsPrincipal user, IWebhooks webhooks, CancellationToken cancellationToken, [FromQuery] int limit = 20)
    {
        if (limit is < 1 or > Webhooks.MaxPageSize)
        {
            return Error.Validation("limit", "range", $"'limit' must be between 1 and {Webhooks.MaxPageSize}.").ToProblem();
        }

        var result = await webhooks.DeliveriesAsync(user, id, limit, cancellationToken);
        return result.ToOk();
    }
}

internal sealed record WebhookRequest(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("kinds")] IReadOnlyList<string>? Kinds);
