# Знакомство: роль, класс или ситуация, регион, интересы, рассказ о себе, тест интересов.

onboarding-role = Расскажите немного о себе, чтобы я подбирал профессии именно для вас. Кто вы?
role-school = Школьник
role-college_student = Студент колледжа
role-career_change = Работаю, хочу сменить профессию
role-job_seeker = Ищу работу
role-senior = На пенсии или скоро пенсия
role-teacher = Педагог
role-employer = Представитель предприятия

onboarding-grade = В каком вы классе?
grade-option = { $grade } класс

onboarding-situations =
    Отметьте, что про вас (можно несколько). От этого зависит, можно ли учиться бесплатно.
    Когда закончите, нажмите «Готово».
situation-unemployed = Сейчас без работы
situation-childcare_leave = В декрете, отпуск по уходу за ребёнком
situation-disability = Есть инвалидность или ОВЗ
situation-pre_pension = Мне больше 50 или я предпенсионер

onboarding-region = Из какого вы региона? Выберите из списка или напишите название, например: «Томск».
onboarding-region-other = Другой регион — напишу
onboarding-region-type = Напишите название региона или города, например: «Пермь» или «Тверская область».
onboarding-region-found = Нашёл несколько вариантов. Выберите ваш:
onboarding-region-found-one = Нашёл такой регион. Если это ваш, выберите его:
onboarding-region-not-found = Не нашёл такой регион: «{ $text }». Попробуйте написать иначе, например: «Оренбург» или «Оренбургская область».
onboarding-region-set = Регион: { $region }.
onboarding-region-confirm = Вы из региона «{ $region }»?
onboarding-region-yes = Да
onboarding-region-no = Нет, другой

onboarding-interests =
    Что вам интересно? Отметьте всё, что нравится, и нажмите «Готово».
interest-technology = Техника и механизмы
interest-it = Компьютеры и IT
interest-creative = Творчество и дизайн
interest-people = Люди и помощь
interest-nature = Природа и животные
interest-medicine = Медицина
interest-business = Бизнес и торговля
interest-construction = Строительство
interest-transport = Транспорт
interest-food_service = Еда и сервис
interest-beauty = Красота и стиль
interest-science = Наука и опыты

onboarding-about = Расскажите своими словами, что вам нравится делать. Например: «люблю разбирать технику» или «хочу работать с детьми».
onboarding-about-short = Сообщение длинное, я сохранил первые { $limit } символов.

onboarding-quiz-offer = Хотите пройти быстрый тест интересов? 12 вопросов, около двух минут. Он поможет точнее подобрать профессии.
onboarding-quiz-start = Пройти тест
onboarding-quiz-skip = Пропустить, показать профессии

quiz-question = Вопрос { $number } из { $total }. Вам бы понравилось…
    { $activity }
quiz-like = Нравится
quiz-neutral = Всё равно
quiz-dislike = Не нравится
quiz-item-1 = Собирать мебель или чинить бытовую технику своими руками
quiz-item-2 = Ставить опыты в лаборатории
quiz-item-3 = Рисовать, придумывать дизайн
quiz-item-4 = Помогать людям разобраться с их трудностями
quiz-item-5 = Открыть своё дело
quiz-item-6 = Вести таблицы и отчёты на компьютере
quiz-item-7 = Водить машину, трактор или другую технику
quiz-item-8 = Разбираться, почему загрязняется вода, и искать решение
quiz-item-9 = Сочинять музыку, снимать видео или делать спецэффекты
quiz-item-10 = Объяснять и учить других
quiz-item-11 = Руководить командой и отвечать за результат
quiz-item-12 = Вести учёт товаров на складе

quiz-result = Готово! Вот что получилось: { $summary }
quiz-result-none = Ярко выраженных интересов тест не показал — это нормально. Я подберу профессии по вашим ответам.
riasec-R = вам нравится работать руками и с техникой
riasec-I = вам интересно исследовать и разбираться, как всё устроено
riasec-A = вам близко творчество
riasec-S = вам нравится помогать людям и учить
riasec-E = вам нравится вести за собой и договариваться
riasec-C = вам нравится порядок, точность и работа с данными

onboarding-done = Спасибо! Теперь подберу профессии и программы обучения для вас.
onboarding-resume = С возвращением! Продолжим с того места, где остановились.
onboarding-restarted = Хорошо, начнём заново.
onboarding-use-buttons = Пожалуйста, выберите вариант кнопкой ниже. Можно нажать «Пропустить».
onboarding-use-buttons-only = Пожалуйста, выберите вариант кнопкой ниже.

nav-back = « Назад
nav-skip = Пропустить
nav-done = Готово
nav-restart = Начать заново
