using System.Text.Json;

namespace Concord.Intel.Features.Misp;

/// <summary>
/// The buffer and the list scanner behind <see cref="MispDocumentReader"/>: a Utf8JsonReader cannot live across an await,
/// so reading is a push-style step over the bytes the async loop fills in.
/// </summary>
internal static partial class MispDocumentReader
{
    private enum ListStep { NeedData, Element, Error, End }

    /// <summary>The bytes read so far; the kept part starts at the first byte not yet handed out.</summary>
    private sealed class Buffer(Stream stream)
    {
        private byte[] _bytes = new byte[1 << 16];

        public int Start { get; set; }

        public int End { get; private set; }

        public bool Final { get; private set; }

        public ReadOnlySpan<byte> Data => _bytes.AsSpan(Start, End - Start);

        public ReadOnlyMemory<byte> Memory => _bytes.AsMemory(Start, End - Start);

        public JsonReaderState State { get; set; }

        public async Task FillAsync(CancellationToken cancellationToken)
        {
            if (Start > 0)
            {
                _bytes.AsSpan(Start, End - Start).CopyTo(_bytes);
                End -= Start;
                Start = 0;
            }

            while (End < _bytes.Length)
            {
                var read = await stream.ReadAsync(_bytes.AsMemory(End), cancellationToken);
                if (read == 0)
                {
                    Final = true;
                    return;
                }

                End += read;
            }
        }

        /// <summary>Doubles the buffer when the kept part fills it; false past <see cref="MaxEventBytes"/>.</summary>
        public bool Grow()
        {
            if (Start > 0 || End < _bytes.Length)
            {
                return true;
            }

            if (_bytes.Length >= MaxEventBytes)
            {
                return false;
            }

            Array.Resize(ref _bytes, (int)Math.Min((long)_bytes.Length * 2, MaxEventBytes));
            return true;
        }

        public void SkipBom()
        {
            if (Data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                Start += 3;
            }
        }

        /// <summary>When the document is a list of events (<c>[…]</c> or <c>{"response": […]</c>), positions after its <c>[</c>.</summary>
        public ListScanner? StartList(out string prefix)
        {
            prefix = "$";
            var reader = new Utf8JsonReader(Data, Final, default);
            try
            {
                if (!reader.Read())
                {
                    return null;
                }

                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("response"u8) || !reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                    {
                        return null;
                    }

                    prefix = "$.response";
                }
                else if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return null;
                }
            }
            catch (JsonException)
            {
                return null;
            }

            Start += (int)reader.BytesConsumed;
            State = reader.CurrentState;
            return new ListScanner();
        }
    }

    /// <summary>Hands out the elements of the list one by one, each as its own bytes.</summary>
    private sealed class ListScanner
    {
        private bool _afterList;

        public ListStep Next(Buffer buffer, out byte[]? element, out string? error)
        {
            element = null;
            error = null;
            var reader = new Utf8JsonReader(buffer.Data, buffer.Final, buffer.State);
            long elementStart = -1;
            try
            {
                if (_afterList)
                {
                    // What follows the list (the export wrapper's closing brace, other keys): checked, not used.
                    while (reader.Read())
                    {
                    }

                    Consumed(buffer, ref reader, ListStep.End);
                    return buffer.Final ? ListStep.End : ListStep.NeedData;
                }

                if (!reader.Read())
                {
                    return ListStep.NeedData;
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _afterList = true;
                    Consumed(buffer, ref reader, ListStep.End);
                    return Next(buffer, out element, out error);
                }

                elementStart = reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return ListStep.NeedData;
                }

                element = buffer.Data[(int)elementStart..(int)reader.BytesConsumed].ToArray();
                return Consumed(buffer, ref reader, ListStep.Element);
            }
            catch (JsonException ex)
            {
                // Everything read from the element's start: the context reader stops at the same error.
                element = elementStart >= 0 ? buffer.Data[(int)elementStart..].ToArray() : [];
                error = Syntax(ex);
                return ListStep.Error;
            }
        }

        private static ListStep Consumed(Buffer buffer, ref Utf8JsonReader reader, ListStep step)
        {
            buffer.Start += (int)reader.BytesConsumed;
            buffer.State = reader.CurrentState;
            return step;
        }
    }
}
