using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Intel.Data;

/// <summary>
/// A row of a text index query (raw SQL: FTS5 has no EF mapping). Mapped as a keyless type rather than read with
/// <c>SqlQuery&lt;long&gt;</c>, whose column EF Core's SQLite provider wraps in a CAST — which hides the FTS5 rowid
/// from the planner, so it sorted every match instead of walking the index in order.
/// </summary>
internal sealed class SearchHit
{
    public long Seq { get; set; }
}

internal sealed class SearchHitConfiguration : IEntityTypeConfiguration<SearchHit>
{
    public void Configure(EntityTypeBuilder<SearchHit> builder)
    {
        builder.HasNoKey().ToView(null);
        builder.Property(h => h.Seq).HasColumnName("seq");
    }
}
