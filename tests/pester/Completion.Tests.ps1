#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Tab completion of the values that live on the farm, as PowerShell's own TabExpansion2 runs it at the prompt, against
# the emulator: what each parameter offers is what the Get- cmdlets list, it is read once per session for a while, it
# never waits much more than a second, a slow or broken farm completes nothing (not even file names), and completing
# never sends a change.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 31 -Speed 0 -Confirm:$false
    Connect-Renderbus -Emulator $script:emulator
    $script:task = Get-RbTask -Status Finished -First 1
    $task | Add-RbTaskLabel -Name 'look dev' -Confirm:$false
    $task | Add-RbTaskLabel -Name comp -Confirm:$false

    # what Tab offers for the end of a command line, as list items
    function Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    # a folder with a file in it: a completer that gave up to PowerShell's default would offer that file
    $script:folder = Join-Path ([IO.Path]::GetTempPath()) ("rbcomplete-" + [guid]::NewGuid().ToString('n'))
    $null = New-Item -ItemType Directory -Path $folder
    $null = New-Item -ItemType File -Path (Join-Path $folder 'feature_ep01.txt')
    Push-Location $folder
}

AfterAll {
    Pop-Location
    Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
    Disconnect-Renderbus -Confirm:$false -ErrorAction SilentlyContinue
    $emulator | Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Tab completion from the farm' {
    It 'completes <Line> with what <Source> lists' -ForEach @(
        @{ Line = 'Get-RbRenderEnv -Name '; Source = '(Get-RbRenderEnv).Name' }
        @{ Line = 'Set-RbRenderEnv -Name '; Source = '(Get-RbRenderEnv).Name' }
        @{ Line = 'Remove-RbRenderEnv -Name '; Source = '(Get-RbRenderEnv).Name' }
        @{ Line = 'Remove-RbProject -Name '; Source = '(Get-RbProject).Name' }
        @{ Line = 'Get-RbProject -Scope All -Name '; Source = '(Get-RbProject -Scope All).Name' }
        @{ Line = 'Measure-RbTaskCost -Project '; Source = '(Get-RbProject).Name' }
        @{ Line = 'Remove-RbTaskLabel -Id $task.Id -Name '
            Source = '$task.Id | Get-RbTask | ForEach-Object { $_.Labels.Name }'
        }
        @{ Line = 'Add-RbTaskLabel -Id 1 -Name '; Source = '(Get-RbTask -First 100).Labels.Name' }
        @{ Line = 'New-RbTask -Label '; Source = '(Get-RbTask -First 100).Labels.Name' }
        @{ Line = 'New-RbRenderEnv -Name x -Software Maya -Version '
            Source = '(Get-RbSoftware Maya -ListVersion).Version'
        }
        @{ Line = 'New-RbRenderEnv -Name x -Software Houdini -OS Linux -Version '
            Source = '(Get-RbSoftware Houdini -ListVersion -OS Linux).Version'
        }
        @{ Line = 'New-RbRenderEnv -Name x -Software Maya -Version 2022 -Plugin '
            Source = '(Get-RbPlugin Maya | Where-Object SoftwareVersion -EQ 2022).Version'
        }
        @{ Line = 'New-RbRenderEnv -Name x -Software Maya -Version 2022 -PluginId '
            Source = '(Get-RbPlugin Maya | Where-Object SoftwareVersion -EQ 2022).PluginId'
        }
        @{ Line = 'Set-RbRenderEnv -Name houdini-linux -Version '
            Source = '(Get-RbSoftware Houdini -ListVersion -OS Linux).Version'
        }
        @{ Line = 'Set-RbRenderEnv -Name maya2022-arnold -Plugin '
            Source = '(Get-RbPlugin Maya | Where-Object SoftwareVersion -EQ 2022).Version'
        }
        @{ Line = 'Get-RbPlugin -Software Houdini -Name '; Source = '(Get-RbPlugin Houdini).PluginName' }
        @{ Line = 'Get-RbPlugin -Software 3dsmax -Version '
            Source = '(Get-RbSoftware "3ds Max" -ListVersion).Version'
        }
        @{ Line = 'Connect-Renderbus -Platform '; Source = '(Get-RbPlatform).Platform' }
        @{ Line = 'Test-RbConnection -Platform '; Source = '(Get-RbPlatform).Platform' }
        @{ Line = 'Set-RbTask -Id 1 -HardwareConfig '
            Source = '(Get-RbHardwareConfig | Where-Object Enabled).HardwareConfigId'
        }
    ) {
        $expected = @(& ([scriptblock]::Create($Source)) | ForEach-Object { "$_" } | Sort-Object -Unique)
        $expected.Count | Should -BeGreaterThan 0 -Because "$Source lists something"
        $Line = $Line.Replace('$task.Id', "$($task.Id)")
        $offered = Complete $Line
        @($offered.ListItemText | Sort-Object) | Should -Be $expected
        $offered | ForEach-Object { $_.ResultType | Should -Be 'ParameterValue' }
        # the tooltip says more than the value
        @($offered | Where-Object { $_.ToolTip.Length -gt $_.ListItemText.Length }).Count | Should -Be $offered.Count
    }

    It 'offers only the values that start with what was typed, quoted where PowerShell needs it' {
        @((Complete 'Get-RbRenderEnv -Name ma').CompletionText | Sort-Object) |
            Should -Be @('max2023-vray6', 'maya2022-arnold')
        (Complete 'Get-RbRenderEnv -Name hou*lin').CompletionText | Should -Be 'houdini-linux'
        (Complete "Remove-RbTaskLabel -Id $($task.Id) -Name look").CompletionText | Should -Be "'look dev'"
        (Complete "New-RbRenderEnv -Name x -Software Maya -Version 2022 -Plugin 'mtoa 5").CompletionText |
            Should -Be "'mtoa 5.3.0'"
        @(Complete 'Get-RbProject -Name nothing_like_this').Count | Should -Be 0
    }

    It 'completes the known domains and the current session''s address' {
        $texts = @((Complete 'Connect-Renderbus -Domain ').CompletionText)
        $texts | Should -Contain $emulator.Domain
        $known = [RenderbusPS.Core.Http.RbEndpoint]::KnownHosts.Key
        $known | ForEach-Object { $texts | Should -Contain $_ }
        (Complete 'Connect-Renderbus -Domain jop').CompletionText | Should -Be 'jop.foxrenderfarm.com'
        (Complete 'Test-RbConnection -Domain jop').CompletionText | Should -Be 'jop.foxrenderfarm.com'
    }

    It 'reads each list once per session for a while: the next Tab sends nothing' {
        $null = Complete 'Get-RbProject -Name '
        $before = $emulator.RequestCount
        1..3 | ForEach-Object { (Complete 'Get-RbProject -Name ').Count | Should -BeGreaterThan 0 }
        $emulator.RequestCount | Should -Be $before
    }

    It 'completes from the session given with -Session' {
        $other = Start-RbEmulator -Seed 32 -Speed 0 -Confirm:$false
        try {
            # TabExpansion2 reads the variables of the prompt's scope: the global one here
            $global:rbOtherSession = Connect-Renderbus -Emulator $other -PassThru
            Connect-Renderbus -Emulator $emulator
            $null = New-RbProject -Name only_on_the_other -Session $rbOtherSession -Confirm:$false
            (Complete 'Get-RbProject -Session $rbOtherSession -Name only_').CompletionText |
                Should -Be 'only_on_the_other'
            @(Complete 'Get-RbProject -Name only_').Count | Should -Be 0
        }
        finally {
            Disconnect-Renderbus -Session $rbOtherSession -Confirm:$false
            Remove-Variable -Name rbOtherSession -Scope Global
            $other | Stop-RbEmulator -Confirm:$false
        }
    }

    It 'never sends a change: every request completion sent is a read' {
        Connect-Renderbus -Emulator $emulator
        $emulator.ClearRequests()
        foreach ($line in 'Get-RbRenderEnv -Name ', 'Remove-RbProject -Name ', 'Remove-RbRenderEnv -Name ',
            'Remove-RbTaskLabel -Id 1 -Name ', 'New-RbRenderEnv -Name x -Software Katana -Version 6.0 -Plugin ',
            'Set-RbRenderEnv -Name max2023-vray6 -PluginId ', 'Connect-Renderbus -Platform ',
            'Set-RbTask -Id 1 -HardwareConfig ') {
            $null = Complete $line
        }
        $sent = @($emulator.Requests)
        $sent.Count | Should -BeGreaterThan 5
        $sent | ForEach-Object {
            $op = [RenderbusPS.Core.Catalog.RbCatalog]::FindByName($_.Operation)
            $op.Repeat | Should -Be 'Read' -Because "$($_.Operation) is sent"
        }
    }
}

Describe 'Tab completion when the farm cannot answer' {
    BeforeEach {
        # a new session: its completion cache is empty
        Connect-Renderbus -Emulator $emulator
    }

    AfterEach {
        $emulator.Faults.Clear()
    }

    It 'gives up after about a second on a slow farm, offers nothing, and has the list at a later Tab' {
        $emulator.Faults.Delay = [timespan]::FromSeconds(3)
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $offered = Complete 'Remove-RbProject -Name '
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
        $offered.Count | Should -Be 0
        $emulator.Faults.Delay = [timespan]::Zero
        # the read that started goes on and fills the cache
        $deadline = (Get-Date).AddSeconds(15)
        do { Start-Sleep -Milliseconds 200; $later = Complete 'Remove-RbProject -Name ' }
        while ($later.Count -eq 0 -and (Get-Date) -lt $deadline)
        @($later.CompletionText | Sort-Object) | Should -Be @((Get-RbProject).Name | Sort-Object)
    }

    It 'offers nothing, silently, within about a second when the farm fails' {
        $emulator.Faults.Rates.Unavailable = 1.0
        $Error.Clear()
        foreach ($line in 'Get-RbRenderEnv -Name ', 'Get-RbRenderEnv -Name ma') {
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $offered = Complete $line
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2
            $errors = $Error.Count
            $offered.Count | Should -Be 0
            $errors | Should -Be 0
        }
    }

    It 'remembers a failure for a while: the next Tabs do not ask the farm again' {
        # a refusal the client does not retry: the read fails at once
        $null = $emulator.Faults.Add([RenderbusPS.Emulator.Faults.RbFault]@{ Count = 1000; Code = 605 })
        $before = $emulator.RequestCount
        @(Complete 'Remove-RbProject -Name ').Count | Should -Be 0
        $asked = $emulator.RequestCount
        $asked | Should -BeGreaterThan $before
        1..3 | ForEach-Object { @(Complete 'Remove-RbProject -Name ').Count | Should -Be 0 }
        $emulator.RequestCount | Should -Be $asked
    }

    It 'offers nothing without a session' {
        Disconnect-Renderbus -Confirm:$false
        @(Complete 'Remove-RbProject -Name ').Count | Should -Be 0
        @(Complete 'Remove-RbTaskLabel -Id 1 -Name ').Count | Should -Be 0
        (Complete 'Connect-Renderbus -Domain task.').CompletionText |
            Should -Be 'task.renderbus.com', 'task.foxrenderfarm.com'
    }
}
