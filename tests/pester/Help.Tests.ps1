#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# The help users read: Get-Help of the staged module says what the pages in en-US/ say (synopsis, parameters,
# examples), every page has a pipeline example, and every example that can run against the emulator runs there,
# each on a fresh emulator, without an error.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'HelpPages.ps1')
    $table = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'HelpExamples.psd1')
    # hashtables, so that -ForEach makes their keys variables
    $pages = @(Get-ChildItem (Join-Path $PSScriptRoot '../../en-US') -Filter '*-*.md' | ForEach-Object {
            $page = Read-HelpPage $_.FullName
            @{ Name = $page.Name; Synopsis = $page.Synopsis; Parameters = $page.Parameters; Examples = $page.Examples }
        })
    $examples = @(foreach ($page in $pages) {
            foreach ($e in $page.Examples) {
                $key = "$($page.Name)/$($e.Title)"
                @{ Key = $key; Code = $e.Code; NotRunnable = $table.NotRunnable[$key]
                    ShowsErrors = $table.ShowsErrors -contains $key }
            }
        })
    $runnable = @($examples | Where-Object { -not $_.NotRunnable })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'HelpPages.ps1')
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:table = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'HelpExamples.psd1')

    # An example asks Get-Credential for the access key; here the emulator's key is the answer.
    function Get-Credential {
        param([Parameter(Position = 0)] [string] $UserName, [string] $Message, [string] $Title)
        [pscredential]::new($script:exampleEmulator.AccessId, $script:exampleEmulator.AccessKey)
    }

    function Invoke-HelpExample {
        param([string] $Code)
        # a fresh farm for each example: Start-RbEmulator -Seed 0, whose task ids the examples use. Its clock stands
        # still unless the example waits for tasks to end. Connect-Renderbus with no -Emulator reaches it through the
        # defaults and environment variables that point a script at a test farm.
        $speed = if ($Code -match 'Wait-RbTask') { 3000 } else { 0 }
        $script:exampleEmulator = Start-RbEmulator -Seed 0 -Speed $speed -Confirm:$false
        Connect-Renderbus -Emulator $script:exampleEmulator
        $env:RAYVISION_API_ACCESS_ID = $script:exampleEmulator.AccessId
        $env:RAYVISION_API_KEY = [pscredential]::new('key', $script:exampleEmulator.AccessKey).GetNetworkCredential().Password
        # a default -Domain would also bind where an emulator is piped in and rule out -Emulator: only for a
        # Connect-Renderbus that starts its pipeline
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $null)
        $connects = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and
                $n.GetCommandName() -eq 'Connect-Renderbus' -and $n.Parent.PipelineElements[0] -eq $n }, $true)
        if (@($connects).Count -gt 0) {
            $global:PSDefaultParameterValues['Connect-Renderbus:Domain'] = $script:exampleEmulator.Domain
        }
        $global:PSDefaultParameterValues['Wait-RbTask:PollInterval'] = [timespan]::FromSeconds(0.5)
        Push-Location $TestDrive
        try {
            $records = & {
                $ErrorActionPreference = 'Continue'
                $ConfirmPreference = 'None'
                & ([scriptblock]::Create($Code))
            } 2>&1
            @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
        finally {
            Pop-Location
            $global:PSDefaultParameterValues.Remove('Connect-Renderbus:Domain')
            $global:PSDefaultParameterValues.Remove('Wait-RbTask:PollInterval')
            Remove-Item Env:RAYVISION_API_ACCESS_ID, Env:RAYVISION_API_KEY -ErrorAction SilentlyContinue
            Stop-RbEmulator -Confirm:$false
        }
    }
}

AfterAll {
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'The help of <Name>' -ForEach $pages {
    It 'says what en-US/<Name>.md says: synopsis, parameters and examples' {
        $help = Get-Help -Name $Name -Full
        ConvertTo-FoldedText $help.Synopsis | Should -BeExactly $Synopsis
        $shipped = @($help.parameters.parameter | Where-Object { $_ })
        @($shipped.name | Sort-Object) | Should -Be @($Parameters.Name | Sort-Object)
        foreach ($p in $Parameters) {
            $text = ($shipped | Where-Object name -EQ $p.Name).description.Text
            ConvertTo-FoldedText $text | Should -BeExactly $p.Description -Because "-$($p.Name) is described so"
        }
        $shippedExamples = @($help.examples.example)
        $shippedExamples.Count | Should -Be $Examples.Count
        for ($i = 0; $i -lt $Examples.Count; $i++) {
            $shippedExamples[$i].title.Trim('-', ' ') | Should -BeExactly $Examples[$i].Title
            ConvertTo-FoldedText $shippedExamples[$i].code | Should -BeExactly (ConvertTo-FoldedText $Examples[$i].Code)
            ConvertTo-FoldedText $shippedExamples[$i].remarks.Text | Should -BeExactly $Examples[$i].Remarks
        }
    }

    It 'has at least two examples, one of them a pipeline through <Name>' {
        $Examples.Count | Should -BeGreaterOrEqual 2
        @($Examples | Where-Object { Test-PipelineExample $_.Code $Name }).Count | Should -BeGreaterOrEqual 1
    }
}

Describe 'Help example <Key>' -ForEach $examples {
    It 'is PowerShell without syntax errors' {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $errors)
        $errors | Should -BeNullOrEmpty
    }
}

Describe 'Help example <Key>' -ForEach $runnable {
    It 'runs against the emulator' {
        $errors = Invoke-HelpExample $Code
        if ($ShowsErrors) {
            $errors.Count | Should -BeGreaterThan 0 -Because 'the example shows a failure'
        }
        else {
            $errors | ForEach-Object { "$_ ($($_.FullyQualifiedErrorId))" } | Should -BeNullOrEmpty
        }
    }
}

Describe 'The list of examples that are not run' {
    It 'names only examples that exist, and most examples run' {
        $keys = foreach ($page in Get-ChildItem (Join-Path $PSScriptRoot '../../en-US') -Filter '*-*.md') {
            $p = Read-HelpPage $page.FullName
            $p.Examples | ForEach-Object { "$($p.Name)/$($_.Title)" }
        }
        @($table.NotRunnable.Keys + $table.ShowsErrors | Where-Object { $keys -notcontains $_ }) | Should -BeNullOrEmpty
        $table.NotRunnable.Count | Should -BeLessThan ($keys.Count / 5)
    }
}
