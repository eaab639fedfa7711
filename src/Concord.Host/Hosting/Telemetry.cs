using Concord.Platform;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Concord.Host.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core, outgoing HTTP, PostgreSQL (Npgsql), the .NET runtime and the
/// node's own <see cref="ConcordTelemetry"/> sources. Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (the standard OTEL_* variables configure the exporter); otherwise collected in-process only.
/// </summary>
internal static class Telemetry
{
    public static void AddConcordTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("concord", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(ConcordTelemetry.Name))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(ConcordTelemetry.Name));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithLogging().UseOtlpExporter();
        }
    }
}
