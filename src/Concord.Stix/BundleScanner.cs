using System.Text.Json;
using System.Text.Unicode;

namespace Concord.Stix;

/// <summary>
/// The push-style state machine behind <see cref="StixBundleReader"/>: the caller fills the buffer
/// (synchronously or asynchronously), the scanner turns buffered bytes into entries. Keeping the stream I/O
/// outside lets one implementation serve both the sync and the async reader, since a Utf8JsonReader
/// (a ref struct) cannot live across an await.
/// </summary>
internal sealed partial class BundleScanner
{
    private enum Phase { Root, RootProperty, TypeValue, SkipValue, ObjectsStart, ObjectsItem, InElement, RawSkip, AfterRoot, Done }

    private readonly StixReaderOptions _options;
    private readonly JsonReaderOptions _readerOptions;
    private JsonReaderState _state;
    private Phase _phase = Phase.Root;
    private int _index;
    private int _elementStart;
    private int _elementDepth;
    private int _skipDepth;
    private bool _seenType;
    private bool _seenObjects;

    public BundleScanner(StixReaderOptions options)
    {
        _options = options;
        // Depth inside an element is checked here (element root = 1, so the reader sees two more levels);
        // the reader's own limit only guards the levels outside the objects list.
        _readerOptions = new JsonReaderOptions { MaxDepth = options.MaxDepth + 3 };
        _state = new JsonReaderState(_readerOptions);
        _buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    }

    public enum Step { Entry, NeedData, End }

    /// <summary>Produces the next entry, asks for more data, or reports the end.</summary>
    public Step Next(out StixBundleEntry? entry)
    {
        entry = null;
        while (true)
        {
            switch (_phase)
            {
                case Phase.Done:
                    return Step.End;
                case Phase.RawSkip:
                    if (!RawSkip())
                    {
                        if (_final)
                        {
                            entry = Structural(_end, $"The input ends inside element {_index - 1} of 'objects'.", "json-syntax");
                            return Step.Entry;
                        }

                        return Step.NeedData;
                    }

                    Resync();
                    continue;
            }

            var reader = new Utf8JsonReader(_buffer.AsSpan(_pos, _end - _pos), _final, _state);
            bool produced;
            try
            {
                produced = Tokens(ref reader, out entry);
            }
            catch (JsonException ex)
            {
                entry = Structural(_pos + (int)reader.BytesConsumed, StripPosition(ex.Message), JsonLimits.RuleFor(ex));
                return Step.Entry;
            }

            _pos += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            _keep = _phase == Phase.InElement ? _elementStart : _pos;
            if (produced)
            {
                return Step.Entry;
            }

            if (_phase == Phase.RawSkip)
            {
                continue;
            }

            if (_phase == Phase.Done)
            {
                return Step.End;
            }

            if (_phase == Phase.InElement && _end - _elementStart > _options.MaxObjectBytes)
            {
                entry = ElementError("object-too-large", $"The element is larger than the limit of {_options.MaxObjectBytes} bytes.");
                return Step.Entry;
            }

            if (_phase != Phase.InElement && _end - _pos > _options.MaxObjectBytes)
            {
                entry = Structural(_pos, $"A single JSON token outside the objects list exceeds {_options.MaxObjectBytes} bytes.", "object-too-large");
                return Step.Entry;
            }

            if (_final)
            {
                // Defensive: the reader reports truncation itself, but never ask for data past the end.
                entry = Structural(_end, "The input ended unexpectedly.", "json-syntax");
                return Step.Entry;
            }

            return Step.NeedData;
        }
    }

    /// <summary>Reads tokens until an entry is ready (true) or more data is needed or the phase changes to raw skipping (false).</summary>
    private bool Tokens(ref Utf8JsonReader reader, out StixBundleEntry? entry)
    {
        entry = null;
        while (reader.Read())
        {
            switch (_phase)
            {
                case Phase.Root:
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        entry = Fatal("not-a-bundle", "The top level must be a JSON object: a STIX bundle or a TAXII envelope.");
                        return true;
                    }

                    _phase = Phase.RootProperty;
                    break;
                case Phase.RootProperty:
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        _phase = Phase.AfterRoot;
                    }
                    else if (reader.ValueTextEquals("objects"u8))
                    {
                        if (_seenObjects)
                        {
                            entry = Fatal("duplicate-property", "The top level has more than one 'objects' property.");
                            return true;
                        }

                        _seenObjects = true;
                        _phase = Phase.ObjectsStart;
                    }
                    else if (reader.ValueTextEquals("type"u8))
                    {
                        if (_seenType)
                        {
                            entry = Fatal("duplicate-property", "The top level has more than one 'type' property.");
                            return true;
                        }

                        _seenType = true;
                        _phase = Phase.TypeValue;
                    }
                    else
                    {
                        // id, spec_version, TAXII's more/next and anything unknown: not needed to read the objects.
                        _skipDepth = 0;
                        _phase = Phase.SkipValue;
                    }

                    break;
                case Phase.TypeValue:
                    if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("bundle"u8))
                    {
                        entry = Fatal("not-a-bundle", "The top-level 'type' is not \"bundle\"; expected a STIX bundle or a TAXII envelope.");
                        return true;
                    }

                    _phase = Phase.RootProperty;
                    break;
                case Phase.SkipValue:
                    _skipDepth += reader.TokenType switch
                    {
                        JsonTokenType.StartObject or JsonTokenType.StartArray => 1,
                        JsonTokenType.EndObject or JsonTokenType.EndArray => -1,
                        _ => 0,
                    };
                    if (_skipDepth == 0)
                    {
                        _phase = Phase.RootProperty;
                    }

                    break;
                case Phase.ObjectsStart:
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        entry = Fatal("not-a-bundle", "The top-level 'objects' property must be a JSON array.");
                        return true;
                    }

                    _phase = Phase.ObjectsItem;
                    break;
                case Phase.ObjectsItem:
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        _phase = Phase.RootProperty;
                        break;
                    }

                    if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                    {
                        entry = new StixBundleEntry(_index, default,
                            StixIssue.Error($"$.objects[{_index}]", "not-an-object", $"Each element of 'objects' must be a JSON object, not {reader.TokenType}."),
                            _options);
                        _index++;
                        return true;
                    }

                    _elementStart = _pos + (int)reader.TokenStartIndex;
                    _elementDepth = 0;
                    _phase = Phase.InElement;
                    if (Element(ref reader, out entry))
                    {
                        return true;
                    }

                    break;
                case Phase.InElement:
                    if (Element(ref reader, out entry))
                    {
                        return true;
                    }

                    break;
                case Phase.AfterRoot:
                    // Only reached when the reader found a second value after the root, which it reports itself.
                    break;
            }

            if (_phase == Phase.RawSkip)
            {
                return false;
            }
        }

        if (_final && _phase == Phase.AfterRoot)
        {
            _phase = Phase.Done;
        }

        return false;
    }

    /// <summary>Handles one token inside an element; true when an entry (the element or its error) is ready.</summary>
    private bool Element(ref Utf8JsonReader reader, out StixBundleEntry? entry)
    {
        entry = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                if (++_elementDepth > _options.MaxDepth)
                {
                    entry = ElementError("too-deep", $"The element nests deeper than the limit of {_options.MaxDepth} levels.");
                    return true;
                }

                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                _elementDepth--;
                break;
            case JsonTokenType.String or JsonTokenType.PropertyName:
                var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                if (length > _options.MaxStringBytes)
                {
                    entry = ElementError("string-too-long", $"A string in the element is {length} bytes; the limit is {_options.MaxStringBytes}.");
                    return true;
                }

                break;
        }

        var elementEnd = _pos + (int)reader.BytesConsumed;
        if (elementEnd - _elementStart > _options.MaxObjectBytes)
        {
            entry = ElementError("object-too-large", $"The element is larger than the limit of {_options.MaxObjectBytes} bytes.");
            return true;
        }

        if (_elementDepth > 0)
        {
            return false;
        }

        var bytes = _buffer.AsSpan(_elementStart, elementEnd - _elementStart);
        _phase = Phase.ObjectsItem;
        entry = Utf8.IsValid(bytes)
            ? new StixBundleEntry(_index, bytes.ToArray(), null, _options)
            : new StixBundleEntry(_index, default, StixIssue.Error($"$.objects[{_index}]", "invalid-utf8",
                $"The element is not valid UTF-8 (first bad byte at byte offset {_offset + _elementStart + FirstInvalidUtf8(bytes)})."), _options);
        _index++;
        return true;
    }

    /// <summary>An element broke a limit: report it and skip the rest of its bytes without keeping them.</summary>
    private StixBundleEntry ElementError(string rule, string message)
    {
        var (offset, line, column) = Locate(_elementStart);
        var located = $"{message} The element starts at line {line}, column {column} (byte offset {offset}).";
        var entry = new StixBundleEntry(_index, default, StixIssue.Error($"$.objects[{_index}]", rule, located), _options);
        _index++;
        StartRawSkip(_elementDepth);
        return entry;
    }

    private StixBundleEntry Fatal(string rule, string message)
    {
        _phase = Phase.Done;
        return new StixBundleEntry(-1, default, StixIssue.Error("$", rule, message), _options);
    }

    private StixBundleEntry Structural(int bufferPosition, string reason, string rule)
    {
        var inElement = _phase is Phase.InElement or Phase.RawSkip;
        var index = _phase == Phase.InElement ? _index : _phase == Phase.RawSkip ? _index - 1 : -1;
        var (offset, line, column) = Locate(bufferPosition);
        _phase = Phase.Done;
        var path = inElement ? $"$.objects[{index}]" : "$";
        return new StixBundleEntry(index, default,
            StixIssue.Error(path, rule, $"Malformed JSON at line {line}, column {column} (byte offset {offset}): {reason}"), _options);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        while (at < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[at..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return at;
    }

    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }
}
