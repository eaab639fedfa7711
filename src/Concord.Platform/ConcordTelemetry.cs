using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Concord.Platform;

/// <summary>
/// The node's own telemetry sources. Modules record their metrics on <see cref="Meter"/> and start spans on
/// <see cref="ActivitySource"/>; the host exports both through OpenTelemetry.
/// </summary>
public static class ConcordTelemetry
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "Concord";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource ActivitySource = new(Name);
}
