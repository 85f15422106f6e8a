using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SlmMesh.Cli.Output;

/// <summary>
/// Where a command writes: JSON documents with <c>--json</c>; on a terminal, tables with borders and colour
/// (Spectre.Console) and a spinner while waiting; piped, plain aligned text. Errors go to standard error, or
/// as a JSON <c>error</c> object on standard output with <c>--json</c>.
/// </summary>
internal sealed class CliOutput
{
    private readonly CliContext _context;
    private IAnsiConsole? _console;

    public CliOutput(CliContext context, bool json)
    {
        _context = context;
        Json = json;
    }

    public bool Json { get; }

    /// <summary>Terminal rendering: tables with borders, colour, spinners.</summary>
    public bool Rich => _context.IsTerminal && !Json;

    public string UserHome => _context.UserHome;

    private IAnsiConsole Console => _console ??= AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.Yes,
        ColorSystem = _context.UseColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.Yes,
        Out = new AnsiConsoleOutput(_context.Output),
    });

    public void Line(string text = "") => _context.Output.Write(text + "\n");

    /// <summary>A line with Spectre markup on a terminal, <paramref name="plain"/> otherwise.</summary>
    public void Styled(string markup, string plain)
    {
        if (Rich)
        {
            Console.MarkupLine(markup);
        }
        else
        {
            Line(plain);
        }
    }

    /// <summary>A sentence saying something went well: green on a terminal.</summary>
    public void Success(string text) => Styled("[green]" + Markup.Escape(text) + "[/]", text);

    /// <summary>A note that needs attention but is no failure: yellow on a terminal.</summary>
    public void Warning(string text) => Styled("[yellow]" + Markup.Escape(text) + "[/]", text);

    public void Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, string? title = null)
    {
        if (!Rich)
        {
            if (title is not null)
            {
                Line(title);
            }

            _context.Output.Write(TextTable.Render([.. headers.Select(h => h.ToUpperInvariant())], rows));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).BorderColor(Color.Grey);
        if (title is not null)
        {
            table.Title(new TableTitle(title, new Style(decoration: Decoration.Bold)));
        }

        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        foreach (IReadOnlyList<string> row in rows)
        {
            table.AddRow([.. row.Select(cell => (IRenderable)new Text(cell))]);
        }

        Console.Write(table);
    }

    /// <summary>Labelled values, one per line: <c>label  value</c>.</summary>
    public void Fields(IReadOnlyList<(string Label, string Value)> fields)
    {
        if (!Rich)
        {
            int width = fields.Count == 0 ? 0 : fields.Max(f => f.Label.Length);
            foreach ((string label, string value) in fields)
            {
                Line("  " + label.PadRight(width) + "  " + value.ReplaceLineEndings(" "));
            }

            return;
        }

        var grid = new Grid().AddColumn(new GridColumn().PadLeft(2).PadRight(2)).AddColumn(new GridColumn().PadLeft(0));
        foreach ((string label, string value) in fields)
        {
            grid.AddRow(new Text(label, new Style(Color.Grey)), new Text(value));
        }

        Console.Write(grid);
    }

    public void WriteJson(Action<Utf8JsonWriter> write) => _context.Output.Write(JsonText.Write(write) + "\n");

    /// <summary>One compact JSON object on its own line (streams: <c>events --follow</c>).</summary>
    public void WriteJsonLine(Action<Utf8JsonWriter> write)
    {
        _context.Output.Write(JsonText.Write(write, indented: false) + "\n");
        _context.Output.Flush();
    }

    /// <summary>Reports a failure and returns its exit code.</summary>
    public int Fail(int exitCode, string code, string message, string? hint = null, Action<Utf8JsonWriter>? details = null)
    {
        if (Json)
        {
            WriteJson(json =>
            {
                json.WriteStartObject();
                json.WriteStartObject("error");
                json.WriteString("code", code);
                json.WriteString("message", message);
                json.WriteNumber("exitCode", exitCode);
                if (hint is not null)
                {
                    json.WriteString("hint", hint);
                }

                details?.Invoke(json);
                json.WriteEndObject();
                json.WriteEndObject();
            });
            return exitCode;
        }

        _context.Error.Write("slm-mesh: " + message + "\n");
        if (hint is not null)
        {
            _context.Error.Write(hint + "\n");
        }

        return exitCode;
    }

    /// <summary>Runs <paramref name="work"/>; on a terminal a spinner with <paramref name="what"/> turns meanwhile.</summary>
    public async Task<T> WaitAsync<T>(string what, Func<Task<T>> work)
    {
        if (!Rich)
        {
            return await work();
        }

        return await Console.Status()
            .Spinner(Spinner.Known.Dots)
            .StartAsync(what, _ => work());
    }
}
