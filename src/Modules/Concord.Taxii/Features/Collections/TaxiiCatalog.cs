using Concord.Access;
using Concord.Intel;
using Concord.Stix;
using Microsoft.Extensions.Options;

namespace Concord.Taxii.Features.Collections;

/// <summary>The API roots and collections the node serves, built once from <see cref="TaxiiOptions"/>.</summary>
internal sealed class TaxiiCatalog
{
    /// <summary>Fixed ids of the default collections, so clients' bookmarks survive restarts.</summary>
    internal static readonly Guid AllId = Guid.Parse("5b1d3e8a-6f0c-4d2e-9a51-0c7e2f4b8d10");
    internal static readonly Guid AllianceId = Guid.Parse("8c2f6a91-3b7d-4e05-b1c4-59d0e7a3f621");
    internal static readonly Guid PublicId = Guid.Parse("e4a07b52-91cd-4f38-8e6b-2d5c1f9a7b34");

    public TaxiiCatalog(IOptions<TaxiiOptions> options)
    {
        var configured = options.Value.ApiRoots.Count > 0 ? options.Value.ApiRoots : [DefaultRoot()];
        Roots = configured.Select(Build).ToList();
        if (Roots.Count > 0 && !Roots.Any(r => r.IsDefault))
        {
            Roots[0] = Roots[0] with { IsDefault = true };
        }
    }

    public List<TaxiiApiRoot> Roots { get; }

    public TaxiiApiRoot? Find(string name) => Roots.FirstOrDefault(r => r.Name == name);

    private static TaxiiApiRoot Build(ApiRootOptions root) =>
        new(root.Name, root.Title, root.Description, root.Default, root.Collections.Select(Build).ToList());

    private static TaxiiCollection Build(CollectionOptions c)
    {
        Scope? scope = null;
        if (c.Scope is not null)
        {
            if (!Distribution.TryParseScope(c.Scope, out var parsed))
            {
                throw new OptionsValidationException(TaxiiOptions.Section, typeof(TaxiiOptions), [$"Collection '{c.Title}': unknown scope '{c.Scope}'."]);
            }

            scope = parsed;
        }

        Tlp? maxTlp = null;
        if (c.MaxTlp is not null)
        {
            if (!Distribution.TryParseTlp(c.MaxTlp, out var tlp))
            {
                throw new OptionsValidationException(TaxiiOptions.Section, typeof(TaxiiOptions), [$"Collection '{c.Title}': unknown TLP '{c.MaxTlp}'."]);
            }

            maxTlp = tlp;
        }

        if (c.MinScore is < 0 or > 100 || (c.MinScore is { } min && double.IsNaN(min)))
        {
            throw new OptionsValidationException(TaxiiOptions.Section, typeof(TaxiiOptions), [$"Collection '{c.Title}': MinScore must be between 0 and 100."]);
        }

        if (scope == Scope.SharingGroup && c.SharingGroupId is null)
        {
            throw new OptionsValidationException(TaxiiOptions.Section, typeof(TaxiiOptions), [$"Collection '{c.Title}': a sharing-group collection names its SharingGroupId."]);
        }

        var view = new TaxiiView
        {
            Scope = scope,
            AudienceId = scope == Scope.SharingGroup ? c.SharingGroupId : null,
            MaxTlp = scope == Scope.Public ? Tlp.Clear : maxTlp,
            Types = c.Types.Count > 0 ? c.Types : null,
            MinScore = c.MinScore,
        };
        return new TaxiiCollection(c.Id == Guid.Empty ? Guid.NewGuid() : c.Id, c.Title, c.Description, c.Alias, view, c.Writable);
    }

    private static ApiRootOptions DefaultRoot() => new()
    {
        Name = "concord",
        Title = "Concord alliance",
        Description = "The intelligence shared on this node.",
        Default = true,
        Collections =
        [
            new() { Id = AllId, Alias = "all", Title = "Everything you may read", Description = "Every object shared with your organisation on this node. Objects added here keep the node's default distribution for their TLP." },
            new() { Id = AllianceId, Alias = "alliance", Scope = "alliance", Title = "Alliance", Description = "Objects shared with the whole alliance on this node (TLP:GREEN and TLP:CLEAR)." },
            new() { Id = PublicId, Alias = "public", Scope = "public", Title = "Public", Description = "TLP:CLEAR objects shared publicly." },
        ],
    };
}
