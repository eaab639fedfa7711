using System.Security.Claims;
using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Concord.Notifications.Endpoints;

/// <summary>The node's outgoing mail, for node admins: the relay's settings and state, and a test message.</summary>
internal static class MailEndpoints
{
    public static void MapMailEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/mail").WithTags("Notifications").RequireAuthorization(AccessPolicies.NodeAdmin);
        group.MapGet("/", StatusAsync).WithName("GetMailStatus")
            .WithSummary("The SMTP relay in use, how many e-mails wait or failed, the last success and the last error (node admins).");
        group.MapPost("/test", TestAsync).WithName("SendTestMail").WithSummary("Send a test e-mail now and answer how it went (node admins).");
    }

    private static async Task<Results<Ok<MailStatus>, ProblemHttpResult>> StatusAsync(ClaimsPrincipal user, IMailStatus mail, CancellationToken cancellationToken)
    {
        var result = await mail.GetAsync(user, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<DeliveryInfo>, ProblemHttpResult>> TestAsync(
        ClaimsPrincipal user, IMailStatus mail, TestMailRequest request, CancellationToken cancellationToken)
    {
        var result = await mail.SendTestAsync(user, request.To, cancellationToken);
        return result.ToOk();
    }
}

internal sealed record TestMailRequest([property: JsonPropertyName("to")] string? To);
