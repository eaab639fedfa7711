using System.ComponentModel.DataAnnotations;

namespace Concord.Host.Hosting;

/// <summary>
/// Where the node listens (<c>Concord:Urls</c>, several separated by <c>;</c>); unset, ASP.NET Core's own settings
/// apply, then <see cref="ConcordApp.DefaultUrls"/> (see <see cref="ListenUrls"/>).
/// </summary>
public sealed class NodeOptions : IValidatableObject
{
    public const string Section = "Concord";

    public string? Urls { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in (Urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"Concord:Urls: '{url}' is not an http:// or https:// address.", [nameof(Urls)]);
            }
        }
    }
}

/// <summary>The demo alliance created on the first start of an empty embedded store (<c>Concord:Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string Section = "Concord:Demo";

    public bool Enabled { get; set; } = true;

    /// <summary>Seed of the generated intelligence; the same seed always gives the same objects.</summary>
    public int Seed { get; set; } = 20261101;

    /// <summary>How many indicators the demo generates (the other objects scale with it).</summary>
    [Range(10, 100_000)]
    public int Indicators { get; set; } = 600;
}

/// <summary>Request limits (<c>Concord:Limits</c>).</summary>
public sealed class LimitsOptions
{
    public const string Section = "Concord:Limits";

    /// <summary>Largest request body the node accepts, in bytes; larger ones answer 413.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = 256L * 1024 * 1024;
}
