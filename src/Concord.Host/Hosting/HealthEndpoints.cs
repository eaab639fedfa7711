using System.Text.Json;
using Concord.Platform;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Concord.Host.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (no checks). <c>/health/ready</c>: every check tagged ready passes —
/// the database is reachable and every module's schema is migrated. Both answer JSON; unhealthy is 503. Open to
/// anyone (load balancers and orchestrators probe them), and they say nothing about the data.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapConcordHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health").ExcludeFromDescription().AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteAsync })
            .WithTags("Health").ExcludeFromDescription().AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new HealthBody(
            Status(report.Status),
            report.TotalDuration.TotalMilliseconds,
            report.Entries.Select(e => new HealthEntry(e.Key, Status(e.Value.Status), e.Value.Description, e.Value.Duration.TotalMilliseconds)).ToList());
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HostJsonContext.Default.HealthBody, context.RequestAborted);
    }

    private static string Status(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        HealthStatus.Unhealthy => "unhealthy",
        _ => "unknown",
    };
}

internal sealed record HealthBody(string Status, double DurationMs, IReadOnlyList<HealthEntry> Checks);

internal sealed record HealthEntry(string Name, string Status, string? Description, double DurationMs);
