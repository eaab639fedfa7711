using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Intel.Data;

/// <summary>
/// One entry of the blind index: the keyed hash a peer asks with (<see cref="Features.Blind.BlindHash"/>) and the
/// observable index key it stands for. One row per distinct value (not per object version), so a blind question costs
/// one seek here and then the ordinary correlation probe of the key. Rows of values no longer stored are harmless: the
/// probe behind them finds nothing.
/// </summary>
internal sealed class BlindKey
{
    public required byte[] Blind { get; set; }

    public required byte[] Key { get; set; }
}

internal sealed class BlindKeyConfiguration : IEntityTypeConfiguration<BlindKey>
{
    public void Configure(EntityTypeBuilder<BlindKey> builder)
    {
        // The primary key is the only index, and the whole row: (blind, key) read by the blind prefix.
        builder.ToTable("intel_blind_keys");
        builder.HasKey(k => new { k.Blind, k.Key }).HasName("pk_intel_blind_keys");
        builder.Property(k => k.Blind).HasColumnName("blind");
        builder.Property(k => k.Key).HasColumnName("key");
    }
}
