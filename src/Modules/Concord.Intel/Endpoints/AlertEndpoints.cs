using System.Text.Json.Serialization;
using Concord.Access;
using Concord.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Concord.Intel.Endpoints;

/// <summary>
/// Anonymous hit alerts: <c>GET /alerts</c> (the caller's organisation's), <c>GET|PUT /alerts/settings</c> (opting in:
/// organisation administrators). An alert says which value of which own object another member reported, and when —
/// never who, never in which object.
/// </summary>
internal static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/alerts").WithTags("Alerts").RequireAuthorization(AccessPolicies.Member);
        group.MapGet("/", ListAsync).WithName("ListAlerts").WithSummary("List your organisation's anonymous hit alerts.");
        group.MapGet("/settings", GetSettingsAsync).WithName("GetAlertSettings").WithSummary("Whether your organisation has opted in to anonymous hit alerts.");
        group.MapPut("/settings", SetSettingsAsync).WithName("SetAlertSettings").WithSummary("Opt your organisation in to or out of anonymous hit alerts (org admins).").RequireAuthorization(AccessPolicies.OrgAdmin);
    }

    internal static async Task<Results<Ok<AlertListResponse>, ProblemHttpResult>> ListAsync(HttpContext context, IHitAlerts alerts, [FromQuery] int? limit)
    {
        if (limit is < 1 or > Features.Alerts.HitAlerts.MaxPageSize)
        {
            return Error.Validation("limit", "range", $"'limit' must be between 1 and {Features.Alerts.HitAlerts.MaxPageSize}.").ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var result = await alerts.ListAsync(principal, limit ?? 100, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(new AlertListResponse(result.Value!.Select(AlertResponse.From).ToList())) : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<AlertSettingsResponse>, ProblemHttpResult>> GetSettingsAsync(HttpContext context, IHitAlerts alerts)
    {
        var principal = await Requests.PrincipalAsync(context);
        var result = await alerts.GetSettingsAsync(principal, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(AlertSettingsResponse.From(result.Value!)) : result.Error!.ToProblem();
    }

    internal static async Task<Results<Ok<AlertSettingsResponse>, ProblemHttpResult>> SetSettingsAsync(HttpContext context, IHitAlerts alerts, AlertSettingsRequest request)
    {
        if (request.Enabled is not { } enabled)
        {
            return Error.Validation("enabled", "required", "'enabled' (true or false) is required.").ToProblem();
        }

        var principal = await Requests.PrincipalAsync(context);
        var result = await alerts.SetSettingsAsync(principal, enabled, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(AlertSettingsResponse.From(result.Value!)) : result.Error!.ToProblem();
    }
}

internal sealed record AlertSettingsRequest([property: JsonPropertyName("enabled")] bool? Enabled);

internal sealed record AlertSettingsResponse(
    [property: JsonPropertyName("organisation")] Guid Organisation,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("updated_at")] DateTimeOffset? UpdatedAt)
{
    public static AlertSettingsResponse From(AlertSettings s) => new(s.OrganisationId, s.Enabled, s.UpdatedAt);
}

internal sealed record AlertResponse(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("object")] string ObjectId,
    [property: JsonPropertyName("reported_at")] DateTimeOffset ReportedAt,
    [property: JsonPropertyName("reported_by")] string ReportedBy)
{
    public static AlertResponse From(HitAlertView a) => new(a.Id, a.Kind, a.Value, a.ObjectId, a.ReportedAt, "another member");
}

internal sealed record AlertListResponse([property: JsonPropertyName("alerts")] IReadOnlyList<AlertResponse> Alerts);
