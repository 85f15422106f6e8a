namespace SlmMesh.Cli.Install;

/// <summary>The little TOML syntax the editor reads: table headers and what may hide a header-looking line.</summary>
internal sealed partial class TomlTable
{
    private static Header ParseHeader(string path, string trimmed, int line)
    {
        bool isArray = trimmed.StartsWith("[[", StringComparison.Ordinal);
        int position = isArray ? 2 : 1;
        var key = new List<string>();
        while (true)
        {
            position = SkipSpaces(trimmed, position);
            if (position >= trimmed.Length)
            {
                throw Malformed(path, line);
            }

            char c = trimmed[position];
            if (c is '"' or '\'')
            {
                int close = c == '\'' ? trimmed.IndexOf('\'', position + 1) : ClosingQuote(trimmed, position + 1);
                if (close < 0)
                {
                    throw Malformed(path, line);
                }

                string raw = trimmed[(position + 1)..close];
                key.Add(c == '"' ? raw.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal) : raw);
                position = close + 1;
            }
            else
            {
                int start = position;
                while (position < trimmed.Length && (char.IsAsciiLetterOrDigit(trimmed[position]) || trimmed[position] is '_' or '-'))
                {
                    position++;
                }

                if (position == start)
                {
                    throw Malformed(path, line);
                }

                key.Add(trimmed[start..position]);
            }

            position = SkipSpaces(trimmed, position);
            if (position < trimmed.Length && trimmed[position] == '.')
            {
                position++;
                continue;
            }

            string ending = isArray ? "]]" : "]";
            if (!trimmed.AsSpan(position).StartsWith(ending, StringComparison.Ordinal))
            {
                throw Malformed(path, line);
            }

            string after = trimmed[(position + ending.Length)..].TrimStart();
            if (after.Length > 0 && !after.StartsWith('#'))
            {
                throw Malformed(path, line);
            }

            return new Header(key, isArray, line);
        }
    }

    private static int ClosingQuote(string text, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Follows one value line: strings (a multi-line one may stay open past the line), comments, and the nesting
    /// of arrays and inline tables (a line inside a multi-line array is never a table header).
    /// </summary>
    private static void Scan(string line, ref string? open, ref int depth)
    {
        int i = 0;
        while (i < line.Length)
        {
            if (open is not null)
            {
                if (open == "\"\"\"" && line[i] == '\\')
                {
                    i += 2;
                }
                else if (line.AsSpan(i).StartsWith(open, StringComparison.Ordinal))
                {
                    open = null;
                    i += 3;
                }
                else
                {
                    i++;
                }

                continue;
            }

            char c = line[i];
            if (c == '#')
            {
                return;
            }

            if (line.AsSpan(i).StartsWith("\"\"\"", StringComparison.Ordinal) || line.AsSpan(i).StartsWith("'''", StringComparison.Ordinal))
            {
                open = line.Substring(i, 3);
                i += 3;
                continue;
            }

            if (c is '"' or '\'')
            {
                // A one-line string: skip to its end so brackets, '#' or quotes inside do not count.
                int close = c == '\'' ? line.IndexOf('\'', i + 1) : ClosingQuote(line, i + 1);
                i = close < 0 ? line.Length : close + 1;
                continue;
            }

            depth += c switch
            {
                '[' or '{' => 1,
                ']' or '}' => -1,
                _ => 0,
            };
            i++;
        }
    }

    private static int SkipSpaces(string text, int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }

        return position;
    }

    private static InstallException Malformed(string path, int line) => new($"{path} is not valid TOML: the table header on line {line + 1} is malformed.");
}
