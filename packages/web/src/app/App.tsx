import { legacyLogicalPropertiesTransformer, StyleProvider } from '@ant-design/cssinjs';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { onAuthRedirect } from '../lib/api-client';
import { AuthProvider } from '../lib/auth';
import { createQueryClient } from '../lib/query-client';
import { createRouter } from './router';

const theme = {
  token: {
    fontFamily: '"Microsoft YaHei", "微软雅黑", "PingFang SC", "Noto Sans CJK SC", "WenQuanYi Micro Hei", SimSun, sans-serif',
    borderRadius: 4,
  },
};

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);
  useEffect(() => {
    onAuthRedirect((screen) => {
      const path = `/${screen}`;
      if (router.state.location.pathname === path) return;
      if (screen === 'login') queryClient.setQueryData(['session'], null);
      void router.navigate(path, { replace: true, state: { from: router.state.location.pathname } });
    });
  }, [router, queryClient]);
  return (
    // hashPriority="high" emits plain selectors instead of :where(), which Chromium 86 lacks;
    // the transformer turns logical properties (margin-inline…) into left/right for the same reason
    <StyleProvider hashPriority="high" transformers={[legacyLogicalPropertiesTransformer]}>
      <ConfigProvider locale={zhCN} theme={theme}>
        <AntApp>
          <QueryClientProvider client={queryClient}>
            <AuthProvider>
              <RouterProvider router={router} />
            </AuthProvider>
          </QueryClientProvider>
        </AntApp>
      </ConfigProvider>
    </StyleProvider>
  );
}
