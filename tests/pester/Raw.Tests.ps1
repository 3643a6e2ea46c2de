#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.5.0' }
# Invoke-RbApi as a user drives it, and the emulator as another client sees it: the zone it serves and its nonce check.

BeforeAll {
    $modulePath = Join-Path $PSScriptRoot '../../out/RenderbusPS/RenderbusPS.psd1'
    if (-not (Test-Path $modulePath)) {
        throw "The staged module is missing at $modulePath; run ./build.ps1 -Task Build first."
    }
    Import-Module $modulePath -Force
    $script:emulator = Start-RbEmulator -Seed 17 -TaskCount 40 -Speed 0 -Confirm:$false
    $script:key = [System.Net.NetworkCredential]::new('', $script:emulator.AccessKey).Password
    Connect-Renderbus -Emulator $script:emulator
    $script:taskInfo = '/api/render/handle/queryTaskInfo/v2'
    $script:stopTask = '/api/rendering/task/renderingTask/stopTask'
}

AfterAll {
    Disconnect-Renderbus -Confirm:$false
    Stop-RbEmulator -Confirm:$false
    Remove-Module RenderbusPS -Force -ErrorAction SilentlyContinue
}

Describe 'Invoke-RbApi' {
    It 'reads a path and writes its data as objects' {
        $task = Get-RbTask -Status Rendering -First 1
        $answer = Invoke-RbApi -Path $script:taskInfo -Body @{ taskIds = @($task.Id) }
        $answer | Should -BeOfType [pscustomobject]
        @($answer.items).Count | Should -Be 1
        $answer.items[0].id | Should -Be $task.Id
        $answer.items[0].taskStatus | Should -Be 5
    }

    It 'writes the items of an array answer one by one' {
        $platforms = @(Invoke-RbApi /api/render/common/queryPlatforms @{ zone = 1 })
        $platforms.Count | Should -BeGreaterThan 1
        $platforms.platform | Should -Contain $script:emulator.Platform
    }

    It 'sends a read even with -WhatIf, since reads change nothing' {
        $before = $script:emulator.RequestCount
        $answer = Invoke-RbApi /api/render/handle/queryAllFrameStats -WhatIf
        $answer | Should -Not -BeNullOrEmpty
        $script:emulator.RequestCount | Should -Be ($before + 1)
    }

    It 'sends nothing for a write with -WhatIf, in a pipeline of tasks' {
        $tasks = Get-RbTask -Status Rendering -First 2
        $before = $script:emulator.RequestCount
        $tasks | ForEach-Object { Invoke-RbApi $script:stopTask @{ taskIds = @($_.Id) } -WhatIf }
        $script:emulator.RequestCount | Should -Be $before
        (Get-RbTask -Id $tasks.Id).Status | Should -Be @('Rendering', 'Rendering')
    }

    It 'changes state with a write without -WhatIf' {
        $task = Get-RbTask -Status Rendering -First 1
        Invoke-RbApi $script:stopTask @{ taskIds = @($task.Id) } -Confirm:$false
        (Get-RbTask -Id $task.Id).Status | Should -Be 'Stopped'
    }

    It 'treats a path the catalog does not know as a write: -WhatIf sends nothing' {
        $before = $script:emulator.RequestCount
        Invoke-RbApi /api/render/nothing/here -WhatIf
        $script:emulator.RequestCount | Should -Be $before
    }

    It 'reports the service error of an unknown path as Rb.ApiError' {
        Invoke-RbApi /api/render/nothing/here -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.ApiError*'
        $err[0].TargetObject | Should -Be '/api/render/nothing/here'
    }

    It 'refuses a boolean body value with Rb.InvalidApiBody and sends nothing' {
        $before = $script:emulator.RequestCount
        Invoke-RbApi /api/render/hardwareConfig/list @{ cloneTask = $false } -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidApiBody*'
        $err[0].ErrorDetails.RecommendedAction | Should -Match 'false'
        $script:emulator.RequestCount | Should -Be $before
    }

    It 'refuses a path that is not an API path with Rb.InvalidApiPath' {
        Invoke-RbApi 'https://example.com/api' -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.InvalidApiPath*'
    }

    It 'sends a v1 path as the session''s path set names it' {
        $page = Invoke-RbApi /api/render/task/getTaskList @{ pageNum = 1; pageSize = 3 }
        @($page.items).Count | Should -Be 3
        @($script:emulator.Requests)[-1].Path | Should -Be '/api/render/handle/getTaskList/v2'
    }

    It 'never shows the access key in any stream' {
        $records = & {
            Invoke-RbApi $script:taskInfo @{ taskIds = @(1) } -Verbose
            Invoke-RbApi /api/render/nothing/here -Confirm:$false -Verbose -ErrorAction Continue
            Invoke-RbApi /api/render/common/queryPlatforms @{ zone = 1 } -Verbose
        } *>&1
        $text = ($records | ForEach-Object {
                if ($_ -is [System.Management.Automation.ErrorRecord]) {
                    $_.ToString(); $_.Exception.Message; $_.ErrorDetails.Message; $_.ErrorDetails.RecommendedAction
                } else { $_ | Out-String }
            }) -join "`n"
        @($records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        $text | Should -Match 'No API at'
        $text | Should -Not -Match ([regex]::Escape($script:key))
    }
}

Describe 'The emulator for other clients' {
    It 'says which zone it serves' {
        $script:emulator.Zone | Should -Be 1
        "$script:emulator" | Should -Match 'zone 1'
        $script:emulator.HostAndPort | Should -Be ('127.0.0.1:{0}' -f $script:emulator.Port)
        $other = Start-RbEmulator -Zone 2 -TaskCount 1 -Verbose -Confirm:$false 4>&1
        try {
            $verbose = $other | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            $emu = $other | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }
            "$verbose" | Should -Match 'zone 2'
            $emu.Zone | Should -Be 2
        } finally {
            $emu | Stop-RbEmulator -Confirm:$false
        }
    }

    It 'answers a client that names the other zone for its own zone, and 608 when strict' {
        @(Invoke-RbApi /api/render/common/queryPlatforms @{ zone = 2 }).Count | Should -BeGreaterThan 0
        $strict = Start-RbEmulator -StrictZone -TaskCount 1 -Confirm:$false
        try {
            $session = Connect-Renderbus -Emulator $strict -PassThru
            Invoke-RbApi /api/render/common/queryPlatforms @{ zone = 2 } -Session $session -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -BeLike 'Rb.UserAreaError*'
        } finally {
            $strict | Stop-RbEmulator -Confirm:$false
            Connect-Renderbus -Emulator $script:emulator
        }
    }

    It 'connects by domain to an emulator of zone 2 and takes the zone from the profile' {
        $overseas = Start-RbEmulator -Zone 2 -StrictZone -TaskCount 1 -Confirm:$false
        try {
            $session = Connect-Renderbus -AccessId $overseas.AccessId -AccessKey $overseas.AccessKey -Domain $overseas.Domain -PassThru
            $session.Zone | Should -Be 2
            @(Get-RbPlatform -Session $session).Count | Should -BeGreaterThan 0
        } finally {
            $overseas | Stop-RbEmulator -Confirm:$false
            Connect-Renderbus -Emulator $script:emulator
        }
    }
}
