using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Concord.IntegrationTests.Teams;

/// <summary>
/// OpenPGP keys made at run time with BouncyCastle, so no committed fixture ages into an expired one: good keys, an
/// expired one, a revoked one, one that can only certify, a private key. Small RSA keys: the tests check the rules, not strength.
/// </summary>
internal static class PgpFixtures
{
    private static readonly SecureRandom Random = new();

    public static string Key(DateTime created, string userId = "Energy CSIRT <cert@grid.example>", long? validSeconds = null, bool revoked = false, bool certifyOnly = false) =>
        Armour(Ring(created, userId, validSeconds, revoked, certifyOnly).Public.Encode);

    /// <summary>A private key block, as someone might paste by mistake.</summary>
    public static string PrivateKey(DateTime created) => Armour(Ring(created, "Oops <oops@grid.example>", null, false, false).Secret.Encode);

    /// <summary>The fingerprint of an armoured public key, as the directory shows it (40 hex digits, upper case).</summary>
    public static string Fingerprint(string armoured)
    {
        using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes(armoured)));
        return Convert.ToHexString(new PgpPublicKeyRing(input).GetPublicKey().GetFingerprint());
    }

    private static (PgpPublicKeyRing Public, PgpSecretKeyRing Secret) Ring(DateTime created, string userId, long? validSeconds, bool revoked, bool certifyOnly)
    {
        var master = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, Rsa(), created);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetKeyFlags(false, certifyOnly ? PgpKeyFlags.CanCertify : PgpKeyFlags.CanCertify | PgpKeyFlags.CanSign);
        if (validSeconds is { } seconds)
        {
            hashed.SetKeyExpirationTime(false, seconds);
        }

        var generator = new PgpKeyRingGenerator(PgpSignature.PositiveCertification, master, userId, SymmetricKeyAlgorithmTag.Aes256, Array.Empty<char>(), true, hashed.Generate(), null, Random);
        if (!certifyOnly)
        {
            var sub = new PgpSignatureSubpacketGenerator();
            sub.SetKeyFlags(false, PgpKeyFlags.CanEncryptCommunications | PgpKeyFlags.CanEncryptStorage);
            generator.AddSubKey(new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, Rsa(), created), sub.Generate(), null);
        }

        var ring = generator.GeneratePublicKeyRing();
        if (revoked)
        {
            var signer = new PgpSignatureGenerator(PublicKeyAlgorithmTag.RsaGeneral, HashAlgorithmTag.Sha256);
            signer.InitSign(PgpSignature.KeyRevocation, master.PrivateKey);
            var revokedKey = PgpPublicKey.AddCertification(ring.GetPublicKey(), signer.GenerateCertification(master.PublicKey));
            ring = PgpPublicKeyRing.InsertPublicKey(ring, revokedKey);
        }

        return (ring, generator.GenerateSecretKeyRing());
    }

    private static Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair Rsa()
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), Random, 1024, 12));
        return generator.GenerateKeyPair();
    }

    private static string Armour(Action<Stream> encode)
    {
        using var output = new MemoryStream();
        using (var armour = new ArmoredOutputStream(output))
        {
            encode(armour);
        }

        return Encoding.ASCII.GetString(output.ToArray());
    }
}
