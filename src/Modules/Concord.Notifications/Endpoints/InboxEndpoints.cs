using System.Security.Claims;
using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Notifications.Features.Inbox;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Notifications.Endpoints;

/// <summary>The caller's inbox and notification choices, under <c>/me</c>: every user reads only their own.</summary>
internal static class InboxEndpoints
{
    public static void MapInboxEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/me").WithTags("Notifications").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/notifications", ListAsync).WithName("ListMyNotifications")
            .WithSummary("Your notifications, newest first (unread=true for the unread ones only); before=ID pages on after that notification, until a page is empty.");
        group.MapGet("/notifications/unread-count", CountAsync).WithName("CountMyUnreadNotifications")
            .WithSummary("How many of your notifications are unread.");
        group.MapPost("/notifications/{id:guid}/read", MarkReadAsync).WithName("MarkNotificationRead")
            .WithSummary("Mark one of your notifications read.");
        group.MapPost("/notifications/read-all", MarkAllReadAsync).WithName("MarkAllNotificationsRead")
            .WithSummary("Mark all your notifications read.");
        group.MapGet("/notification-preferences", GetPreferencesAsync).WithName("GetMyNotificationPreferences")
            .WithSummary("For each kind of notification, whether it reaches your inbox and your e-mail.");
        group.MapPut("/notification-preferences", SetPreferenceAsync).WithName("SetMyNotificationPreference")
            .WithSummary("Turn a kind's inbox or e-mail channel on or off for you.");
    }

    private static async Task<Results<Ok<IReadOnlyList<InboxItem>>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user, IInbox inbox, CancellationToken cancellationToken, [FromQuery] bool unread = false, [FromQuery] int limit = 50, [FromQuery] Guid? before = null)
    {
        if (limit is < 1 or > Inbox.MaxPageSize)
        {
            return Error.Validation("limit", "range", $"'limit' must be between 1 and {Inbox.MaxPageSize}.").ToProblem();
        }

        var result = await inbox.ListAsync(user, unread, limit, before, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Ok<UnreadCount>> CountAsync(ClaimsPrincipal user, IInbox inbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(new UnreadCount(await inbox.UnreadCountAsync(user, cancellationToken)));

    private static async Task<Results<Ok<InboxItem>, ProblemHttpResult>> MarkReadAsync(Guid id, ClaimsPrincipal user, IInbox inbox, CancellationToken cancellationToken)
    {
        var result = await inbox.MarkReadAsync(user, id, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<UnreadCount>, ProblemHttpResult>> MarkAllReadAsync(ClaimsPrincipal user, IInbox inbox, CancellationToken cancellationToken)
    {
        var result = await inbox.MarkAllReadAsync(user, cancellationToken);
        return result.IsSuccess ? TypedResults.Ok(new UnreadCount(0)) : result.Error!.ToProblem();
    }

    private static async Task<Results<Ok<IReadOnlyList<NotificationPreference>>, ProblemHttpResult>> GetPreferencesAsync(
        ClaimsPrincipal user, INotificationPreferences preferences, CancellationToken cancellationToken)
    {
        var result = await preferences.GetAsync(user, cancellationToken);
        return result.ToOk();
    }

    private static async Task<Results<Ok<IReadOnlyList<NotificationPreference>>, ProblemHttpResult>> SetPreferenceAsync(
        ClaimsPrincipal user, INotificationPreferences preferences, PreferenceRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            return Error.Validation("kind", "required", "'kind' (a notification kind) is required.").ToProblem();
        }

        var result = await preferences.SetAsync(user, request.Kind, request.Inbox, request.Email, cancellationToken);
        return result.ToOk();
    }
}

internal sealed record UnreadCount([property: JsonPropertyName("unread")] int Unread);

internal sealed record PreferenceRequest(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("inbox")] bool? Inbox,
    [property: JsonPropertyName("email")] bool? Email);
