using System.ComponentModel.DataAnnotations;

namespace Concord.Taxii;

/// <summary>TAXII server settings, bound from <c>Concord:Taxii</c> and validated on start.</summary>
internal sealed class TaxiiOptions
{
    public const string Section = "Concord:Taxii";

    [Required]
    public string Title { get; set; } = "Concord TAXII 2.1";

    public string? Description { get; set; } = "Threat intelligence shared by the members of this alliance node.";

    public string? Contact { get; set; }

    /// <summary>
    /// Largest POST body in bytes, advertised as the API roots' <c>max_content_length</c>. A body is read into memory
    /// whole, which caps it at 2 GiB - 1; that also keeps the number within I-JSON's integer range (T 2).
    /// </summary>
    [Range(typeof(long), "1024", "2147483647", ErrorMessage = "MaxContentLength must be between 1024 and 2147483647 bytes.")]
    public long MaxContentLength { get; set; } = 32 * 1024 * 1024;

    /// <summary>The server's page cap: a larger <c>limit</c> is lowered to this.</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>
    /// How long a status resource is kept after its request (after completion, for a job), then purged: T 4.3 asks for
    /// at least 24 hours, so less is refused at start.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "StatusRetention must be between 1 day (TAXII 2.1, 4.3) and 3650 days.")]
    public TimeSpan StatusRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often expired statuses are purged.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "StatusPurgeInterval must be between 1 minute and 1 day.")]
    public TimeSpan StatusPurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The API roots; when empty, one root named <c>concord</c> with the default collections.</summary>
    public List<ApiRootOptions> ApiRoots { get; set; } = [];
}

/// <summary>One API root, at <c>/taxii2/{Name}/</c>; one per community the node hosts.</summary>
internal sealed class ApiRootOptions
{
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9_-]{0,63}$")]
    public string Name { get; set; } = "";

    [Required]
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Discovery names this root as <c>default</c>.</summary>
    public bool Default { get; set; }

    public List<CollectionOptions> Collections { get; set; } = [];
}

/// <summary>A collection: a view over the store defined by a filter. Null filter members do not filter.</summary>
internal sealed class CollectionOptions
{
    public Guid Id { get; set; }

    [Required]
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public string? Alias { get; set; }

    /// <summary><c>public</c>, <c>alliance</c>, <c>sharing-group</c>, <c>connected-nodes</c>, ... (a <see cref="Access.Scope"/> name).</summary>
    public string? Scope { get; set; }

    /// <summary>For a sharing-group collection: the group, whose members alone may read and write it.</summary>
    public Guid? SharingGroupId { get; set; }

    /// <summary>The widest TLP the collection shows (e.g. <c>clear</c>).</summary>
    public string? MaxTlp { get; set; }

    public List<string> Types { get; set; } = [];

    /// <summary>Only indicators whose current decay score (0–100) is at least this: the collection becomes an indicator feed.</summary>
    public double? MinScore { get; set; }

    /// <summary>Whether analysts may add objects (they are stored with this collection's scope).</summary>
    public bool Writable { get; set; } = true;
}
