using Concord.Platform;
using Concord.Platform.Outbound;
using Microsoft.Extensions.Options;

namespace Concord.Host.Hosting;

internal static class NodeConfiguration
{
    /// <summary>Binds the host's option classes and validates them on start, with DataAnnotations.</summary>
    public static void AddNodeOptions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NodeOptions>().Bind(builder.Configuration.GetSection(NodeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().Bind(builder.Configuration.GetSection(DemoOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LimitsOptions>().Bind(builder.Configuration.GetSection(LimitsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddConcordStorage(builder.Configuration);
        services.AddOutboundHttp(builder.Configuration);
    }

    /// <summary>
    /// Reads every option class once so that a bad setting stops the node before it touches the database, with
    /// a message naming the setting (ValidateOnStart alone would only fire when Kestrel starts, after migrations).
    /// </summary>
    public static void ValidateNodeOptions(this IServiceProvider services)
    {
        _ = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        _ = services.GetRequiredService<IOptions<NodeOptions>>().Value;
        _ = services.GetRequiredService<IOptions<DemoOptions>>().Value;
        _ = services.GetRequiredService<IOptions<LimitsOptions>>().Value;
        _ = services.GetRequiredService<IOptions<OutboundOptions>>().Value;
    }
}
