# /profile, /mydata, /forget и команды меню для них.

command-profile = Мой профиль и заявки
command-mydata = Какие данные обо мне хранятся
command-forget = Удалить все мои данные

profile-title = Ваш профиль
profile-role = Кто вы: { $role }
profile-grade = Класс: { $grade }
profile-situations = Ваша ситуация: { $situations }
profile-region = Регион: { $region }
profile-interests = Интересы: { $interests }
profile-about = О себе: { $about }
profile-quiz = Тест интересов: { $types }
profile-not-set = не указано
profile-riasec-R = практический тип
profile-riasec-I = исследовательский тип
profile-riasec-A = творческий тип
profile-riasec-S = социальный тип
profile-riasec-E = предприимчивый тип
profile-riasec-C = организационный тип
profile-requests-count = { $count ->
        [0] Открытых заявок на консультацию нет.
        [one] У вас { $count } открытая заявка на консультацию.
        [few] У вас { $count } открытые заявки на консультацию.
       *[other] У вас { $count } открытых заявок на консультацию.
    }
profile-hint = Кнопками ниже можно изменить ответы, язык, уведомления и согласие на рассылки. Что я храню о вас — /mydata, удалить всё — /forget.
profile-edit = Изменить ответы
profile-language = Язык
profile-requests = Мои заявки
profile-notifications-button = { $state ->
        [on] Уведомления: вкл
       *[off] Уведомления: выкл
    }
profile-mailing-button = { $state ->
        [on] Рассылки: отозвать согласие
       *[off] Рассылки: дать согласие
    }
profile-notifications-set = { $state ->
        [on] Уведомления включены: я напомню о записи и сроках.
       *[off] Уведомления выключены.
    }
profile-mailing-set = { $state ->
        [on] Спасибо! Согласие на рассылки записано: я буду присылать новости о курсах и событиях центра. Отозвать его можно здесь же одной кнопкой.
       *[off] Согласие на рассылки отозвано. Новостей и рассылок больше не будет; ответы на ваши заявки по-прежнему придут.
    }

mydata-caption = Здесь всё, что я храню о вас, в формате JSON. Удалить эти данные — командой /forget.

forget-confirm =
    Удалить все ваши данные? Я сотру ответы, согласия, оценки подсказок и заявки на консультацию. Это нельзя отменить.
    Останутся только обезличенные счётчики оценок — по ним нельзя узнать, что отвечали вы.
forget-yes = Удалить все мои данные
forget-no = Отмена
forget-done = Готово: все ваши данные удалены. Если захотите начать заново, отправьте /start.
forget-cancelled = Хорошо, ничего не удаляю.
