# Reads the PlatyPS pages in en-US/ the plain way, for the tests that hold the shipped help and the examples to them.
# Deliberately not the build's help compiler: these tests check that compiler's output through Get-Help.

function ConvertTo-FoldedText {
    param([object[]] $Text)
    ((@($Text) -join ' ') -replace '\s+', ' ').Trim()
}

function Get-MarkdownSection {
    param([string] $Text, [string] $Level)
    # heading -> body, in page order; the text before the first heading is dropped
    $parts = [regex]::Split($Text, "(?m)^$Level ")
    foreach ($part in ($parts | Select-Object -Skip 1)) {
        $end = $part.IndexOf("`n")
        [pscustomobject]@{ Head = $part.Substring(0, $end).Trim(); Body = $part.Substring($end + 1) }
    }
}

function Read-HelpPage {
    param([string] $Path)
    $text = [IO.File]::ReadAllText($Path) -replace "`r`n", "`n"
    $sections = @{}
    foreach ($s in Get-MarkdownSection $text '##') { $sections[$s.Head] = $s.Body }
    $fence = '(?ms)^```\w*\n(.*?)^```'
    $examples = @(Get-MarkdownSection $sections['EXAMPLES'] '###' | ForEach-Object {
            [pscustomobject]@{
                Title   = $_.Head
                Code    = (@([regex]::Matches($_.Body, $fence) | ForEach-Object { $_.Groups[1].Value.Trim() }) -join "`n`n")
                Remarks = ConvertTo-FoldedText ([regex]::Replace($_.Body, $fence, ' '))
            }
        })
    $parameters = @(Get-MarkdownSection $sections['PARAMETERS'] '###' | Where-Object Head -ne 'CommonParameters' |
            ForEach-Object {
                $yaml = $_.Body.IndexOf('```yaml')
                [pscustomobject]@{
                    Name        = $_.Head.TrimStart('-')
                    Description = ConvertTo-FoldedText $_.Body.Substring(0, [Math]::Max(0, $yaml))
                }
            })
    [pscustomobject]@{
        Name       = ([regex]::Match($text, '(?m)^# (.+)$')).Groups[1].Value.Trim()
        Synopsis   = ConvertTo-FoldedText $sections['SYNOPSIS']
        Parameters = $parameters
        Examples   = $examples
    }
}

function Test-PipelineExample {
    param([string] $Code, [string] $Cmdlet)
    # true when the code has a pipeline of two or more commands with the cmdlet in it
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $null)
    $pipelines = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.PipelineAst] }, $true)
    foreach ($p in $pipelines) {
        $names = @($p.PipelineElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandAst] } |
                ForEach-Object { $_.GetCommandName() })
        if ($p.PipelineElements.Count -ge 2 -and $names -contains $Cmdlet) { return $true }
    }
    $false
}
